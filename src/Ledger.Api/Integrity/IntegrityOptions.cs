namespace Ledger.Api.Integrity;

/// <summary>Configuration section <c>Ledger:Integrity</c>.</summary>
public sealed class IntegrityOptions
{
    public const string Section = "Ledger:Integrity";

    /// <summary>Seal every appended event as a Merkle leaf in the write's transaction. Off only to measure what sealing costs.</summary>
    public bool Sealing { get; set; } = true;

    /// <summary>
    /// The encoding new facts are sealed in: 2 (<c>leaf/v2</c>, confidential text committed by salted hashes). 1 seals
    /// as the ledger did before v2, to reproduce a ledger that holds both and to measure what v2 costs.
    /// </summary>
    public int LeafVersion { get; set; } = 2;

    /// <summary>The signing key (signed-note private key form), relative to the content root; created on first run.</summary>
    public string KeyFile { get; set; } = ".local/keys/ledger-ed25519.key";

    /// <summary>The log's name: the first line of every checkpoint and the name of its key.</summary>
    public string Origin { get; set; } = "directive-ledger.local/log";

    /// <summary>
    /// Verifier keys of keys used before the current one: after a rotation, checkpoints they signed still verify.
    /// Exports carry only the current key's checkpoints (an auditor pins one key per bundle).
    /// </summary>
    public string[] PreviousVerifierKeys { get; set; } = [];

    /// <summary>How often a new checkpoint is signed while the tree grows.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
