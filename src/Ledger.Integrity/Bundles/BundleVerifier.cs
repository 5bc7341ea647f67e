using System.Globalization;
using System.Text.Json;
using Ledger.Integrity.Checkpoints;
using Ledger.Integrity.Leaves;
using Ledger.Integrity.Merkle;

namespace Ledger.Integrity.Bundles;

/// <summary>What an offline check of a bundle found: either every check passed, or the first that failed, and where.</summary>
/// <param name="Withheld">events whose text the bundle withheld from its reader: their place in the log is proven, their text is not shown</param>
/// <param name="Position">the ledger position of the first bad event line, where the bundle tells it (see <see cref="BundleVerifier"/>)</param>
/// <param name="WithheldWhole">of the withheld events, those sealed as <c>leaf/v1</c>: given as their leaf hash alone, their content not at all</param>
public sealed record BundleVerdict(
    bool Ok, string? Problem, long? Line, long Events, long TreeSize, string? RootHash, NoteVerifierKey? Key, long Withheld = 0, long? Position = null,
    long WithheldWhole = 0)
{
    public static BundleVerdict Fail(string problem, long line, long? position = null) => new(false, problem, line, 0, 0, null, null, Position: position);
}

/// <summary>
/// Checks an export bundle with no database and no trust in the service: recomputes every leaf from the events
/// in the bundle, rebuilds the tree, checks every checkpoint in the bundle against it, and checks the checkpoint
/// the auditor saved earlier, signed by the key the auditor pinned. Total: any input ends in a verdict,
/// never an exception. A failure names the bad event line's position: the one the line states when the line itself
/// fails, and when only a checkpoint's root fails, the first event after the last checkpoint that verified (the
/// change lies between the two; the checkpoint covers it exactly when it is one event beyond that one).
/// </summary>
public static class BundleVerifier
{
    private const int MaxLineChars = 8 * 1024 * 1024;

    /// <param name="bundle">the bundle text</param>
    /// <param name="savedCheckpoint">a signed checkpoint the auditor kept from earlier</param>
    /// <param name="pinnedKey">the verifier key the auditor trusts; when null, the bundle's own key is used (weaker: see the report)</param>
    public static BundleVerdict Verify(Stream bundle, string savedCheckpoint, NoteVerifierKey? pinnedKey)
    {
        // Strict UTF-8 and no byte-order-mark sniffing: every byte of the bundle counts.
        using var text = new StreamReader(bundle, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        return Verify(text, savedCheckpoint, pinnedKey);
    }

    public static BundleVerdict Verify(TextReader bundle, string savedCheckpoint, NoteVerifierKey? pinnedKey) =>
        Check(bundle, savedCheckpoint, pinnedKey, new Events(keep: false));

    /// <summary>
    /// Verifies the bundle as <see cref="Verify(Stream, string, NoteVerifierKey?)"/> does and gives its events, as
    /// their reader may see them, for a fold that recomputes what the ledger answered: only when every check passed
    /// (otherwise no events).
    /// </summary>
    public static VerifiedBundle Read(Stream bundle, string savedCheckpoint, NoteVerifierKey? pinnedKey)
    {
        using var text = new StreamReader(bundle, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        var events = new Events(keep: true);
        var verdict = Check(text, savedCheckpoint, pinnedKey, events);
        return verdict.Ok ? new VerifiedBundle(verdict, events.Read, events.Unreadable) : new VerifiedBundle(verdict, [], []);
    }

    private static BundleVerdict Check(TextReader bundle, string savedCheckpoint, NoteVerifierKey? pinnedKey, Events events)
    {
        var reader = new LineReader(bundle);
        try
        {
            return Run(reader, savedCheckpoint, pinnedKey, events);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return BundleVerdict.Fail($"the bundle is malformed: {e.Message}", reader.Number);
        }
    }

    /// <summary>The events as read, in leaf order; kept only for <see cref="Read(Stream, string, NoteVerifierKey?)"/>, whose caller folds them.</summary>
    private sealed class Events(bool keep)
    {
        public List<VerifiedEvent> Read { get; } = [];

        public List<long> Unreadable { get; } = [];

        public void Add(VerifiedEvent read)
        {
            if (keep)
                Read.Add(read);
        }
    }

    private static BundleVerdict Run(LineReader reader, string savedCheckpoint, NoteVerifierKey? pinnedKey, Events events)
    {
        if (reader.Next() is not { } headerLine)
            return BundleVerdict.Fail("the bundle is empty", 0);
        using var headerDoc = JsonDocument.Parse(headerLine);
        var header = headerDoc.RootElement;
        var format = Str(header, "format");
        if (format is not (BundleFormat.Version or BundleFormat.VersionV1))
            return BundleVerdict.Fail($"not a {BundleFormat.Version} (or {BundleFormat.VersionV1}) bundle", 1);
        var origin = Str(header, "origin") ?? "";
        if (!NoteVerifierKey.TryParse(Str(header, "verifierKey"), out var bundleKey))
            return BundleVerdict.Fail("the header carries no valid verifier key", 1);
        if (pinnedKey is not null && pinnedKey.ToString() != bundleKey.ToString())
            return BundleVerdict.Fail($"the bundle is signed by {bundleKey}, not by the pinned key {pinnedKey}", 1);
        var key = pinnedKey ?? bundleKey;
        if (key.Name != origin)
            return BundleVerdict.Fail($"the key {key.Name} is not the key of the log {origin}", 1);
        var to = Num(header, "to");
        var declaredSize = Num(header, "treeSize");
        if (Canonical(json => BundleFormat.WriteHeader(json, origin, bundleKey, to, declaredSize, format)) != headerLine)
            return BundleVerdict.Fail("the header is not exactly as the ledger writes it: it was edited", 1);

        Checkpoint saved;
        try
        {
            saved = Checkpoint.ParseVerified(savedCheckpoint, key);
        }
        catch (FormatException e)
        {
            return BundleVerdict.Fail($"the saved checkpoint does not verify: {e.Message}", 0);
        }

        if (saved.Origin != origin)
            return BundleVerdict.Fail($"the saved checkpoint is of log {saved.Origin}, the bundle of {origin}", 0);

        var tree = new MerkleTree();
        // Each leaf's position, to name where a root that fails to verify went wrong.
        var positions = new List<long>();
        var verifiedSize = 0L;
        var lastPosition = long.MinValue;
        var checkpoints = 0;
        var withheld = 0L;
        var lastCheckpointSize = -1L;
        var headChecked = false;
        string? line;
        while ((line = reader.Next()) is not null)
        {
            using var doc = JsonDocument.Parse(line);
            var row = doc.RootElement;
            if (row.ValueKind != JsonValueKind.Object)
                return Fail("a line is not a JSON object");
            if (row.TryGetProperty("leaf", out _) && row.TryGetProperty("leafHash", out _))
            {
                if (checkpoints > 0)
                    return Fail("an event follows the checkpoints");
                var (position, reason) = (Num(row, "position"), Str(row, "withheld") ?? "");
                var hash = Str(row, "leafHash") is { } text ? Base64Hash(text) : null;
                if (hash is null || reason != BundleFormat.Confidential)
                    return Fail($"a withheld event must say '{BundleFormat.Confidential}' and carry its 32-byte leaf hash");
                if (Num(row, "leaf") != tree.Size)
                    return Fail($"leaf {Num(row, "leaf")} where leaf {tree.Size} was due: an event is missing or out of order", position);
                if (position <= lastPosition || position > to)
                    return Fail($"position {position} is out of order or beyond the bundle's end", position);
                if (Canonical(json => BundleFormat.WriteWithheld(json, tree.Size, position, reason, hash)) != line)
                    return Fail("the withheld event's line is not exactly as the ledger writes it: it was edited", position);
                lastPosition = position;
                tree.Append(hash);
                positions.Add(position);
                events.Unreadable.Add(position);
                withheld++;
            }
            else if (row.TryGetProperty("leaf", out _))
            {
                if (checkpoints > 0)
                    return Fail("an event follows the checkpoints");
                var redactable = row.TryGetProperty("leafVersion", out _);
                if (redactable && format == BundleFormat.VersionV1)
                    return Fail($"a leaf/v2 event in a {BundleFormat.VersionV1} bundle");
                var read = redactable ? ReadV2(row) : ReadV1(row);
                var leaf = read.Leaf;
                if (Num(row, "leaf") != tree.Size)
                    return Fail($"leaf {Num(row, "leaf")} where leaf {tree.Size} was due: an event is missing or out of order", leaf.Position);
                if (leaf.Position <= lastPosition)
                    return Fail($"position {leaf.Position} does not follow position {lastPosition}", leaf.Position);
                if (leaf.Position > to)
                    return Fail($"position {leaf.Position} lies beyond the bundle's end, {to}", leaf.Position);
                if (Canonical(json => read.Write(json, tree.Size)) != line)
                    return Fail("the event line is not exactly as the ledger writes it: it was edited", leaf.Position);
                if (read.Problem is { } problem)
                    return Fail($"the event at position {leaf.Position} does not match its commitments: {problem}", leaf.Position);
                lastPosition = leaf.Position;
                tree.Append(leaf.LeafHash());
                positions.Add(leaf.Position);
                events.Add(new VerifiedEvent(tree.Size - 1, leaf.Position, leaf.Id, leaf.StreamId, leaf.Version, leaf.Type, leaf.RecordedAt,
                    leaf.UserName, read.Data, read.Withheld));
                if (read.Withheld)
                    withheld++;
            }
            else if (row.TryGetProperty("checkpoint", out _))
            {
                var note = Str(row, "checkpoint") ?? "";
                Checkpoint checkpoint;
                try
                {
                    checkpoint = Checkpoint.ParseVerified(note, key);
                    if (Canonical(json => BundleFormat.WriteCheckpoint(json, SignedNote.Parse(note))) != line)
                        throw new FormatException("the line is not exactly as the ledger writes it");
                }
                catch (FormatException e)
                {
                    return Fail($"a checkpoint does not verify: {e.Message}");
                }

                if (checkpoint.Origin != origin)
                    return Fail($"a checkpoint of another log, {checkpoint.Origin}");
                if (checkpoint.Size <= lastCheckpointSize)
                    return Fail($"a checkpoint at size {checkpoint.Size} after one at size {lastCheckpointSize}: checkpoints come in growing size");
                lastCheckpointSize = checkpoint.Size;
                if (checkpoint.Size > tree.Size)
                    return Fail($"a checkpoint at size {checkpoint.Size}, beyond the {tree.Size} events in the bundle");
                if (!tree.Root(checkpoint.Size).AsSpan().SequenceEqual(checkpoint.RootHash))
                    return RootFails(checkpoint.Size, verifiedSize, positions);
                verifiedSize = checkpoint.Size;
                headChecked |= checkpoint.Size == tree.Size;
                checkpoints++;
            }
            else if (row.TryGetProperty("end", out _))
            {
                if (Num(row, "events") != tree.Size || Num(row, "checkpoints") != checkpoints ||
                    Canonical(json => BundleFormat.WriteTrailer(json, tree.Size, checkpoints)) != line)
                    return Fail("the trailer does not match the bundle: lines were added, removed or edited");
                if (!reader.EndedWithNewline || reader.Next() is not null)
                    return Fail("the bundle does not end with its trailer and a newline");
                if (to != (tree.Size == 0 ? 0 : lastPosition))
                    return Fail($"the header says the bundle ends at position {to}, its last event is at {lastPosition}");
                return Conclude(reader, saved, tree, declaredSize, headChecked, key) with { Withheld = withheld, WithheldWhole = events.Unreadable.Count };
            }
            else
            {
                return Fail("a line that is neither an event, a checkpoint nor the trailer");
            }
        }

        return Fail("the bundle ends without its trailer: it was cut short");

        BundleVerdict Fail(string problem, long? position = null) => BundleVerdict.Fail(problem, reader.Number, position);
    }

    /// <summary>
    /// A checkpoint of <paramref name="size"/> whose root the events do not hash to, after one of
    /// <paramref name="verifiedSize"/> that verified: the change lies among the events between them.
    /// </summary>
    private static BundleVerdict RootFails(long size, long verifiedSize, List<long> positions)
    {
        if (size == verifiedSize)
            return BundleVerdict.Fail($"the checkpoint at size {size} does not carry the root of the empty tree", EventLine(0));
        var first = positions[(int)verifiedSize];
        return size == verifiedSize + 1
            ? BundleVerdict.Fail($"the event at position {first} does not hash to the root the ledger signed at size {size}, " +
                                 "whose other events an earlier checkpoint verified: it was changed", EventLine(verifiedSize), first)
            : BundleVerdict.Fail($"the events from position {first} to {positions[(int)size - 1]} do not hash to the root the ledger signed " +
                                 $"at size {size}: one of them was changed, added or removed", EventLine(verifiedSize), first);
    }

    /// <summary>The line of leaf <paramref name="leaf"/>: the header is line 1, events follow it in leaf order.</summary>
    private static long EventLine(long leaf) => leaf + 2;

    private static BundleVerdict Conclude(LineReader reader, Checkpoint saved, MerkleTree tree, long declaredSize, bool headChecked, NoteVerifierKey key)
    {
        if (declaredSize != tree.Size)
            return BundleVerdict.Fail($"the header announces {declaredSize} events, the bundle holds {tree.Size}", reader.Number);
        if (!headChecked)
            return BundleVerdict.Fail($"no signed checkpoint covers the whole bundle (size {tree.Size})", reader.Number);
        if (saved.Size > tree.Size)
            return BundleVerdict.Fail($"the saved checkpoint is at size {saved.Size}, beyond the bundle's {tree.Size} events: export further", reader.Number);
        if (!tree.Root(saved.Size).AsSpan().SequenceEqual(saved.RootHash))
            return BundleVerdict.Fail($"the history differs from the saved checkpoint: the first {saved.Size} events do not hash to its root, " +
                                      "so the log was rewritten since you saved it", reader.Number);
        return new BundleVerdict(true, null, null, tree.Size, tree.Size, Convert.ToBase64String(tree.Root(tree.Size)), key);
    }

    /// <summary>An event line read: its leaf, the data its reader sees, how the ledger writes the line, and why its text does not match its commitments.</summary>
    private sealed record LineRead(LeafRecord Leaf, string Data, bool Withheld, Action<Utf8JsonWriter, long> Write, string? Problem = null);

    private static LineRead ReadV1(JsonElement row)
    {
        var leaf = Leaf(row, Raw(row, "data"));
        return new LineRead(leaf, leaf.Data, false, (json, index) => BundleFormat.WriteEvent(json, index, leaf));
    }

    /// <summary>
    /// A <c>leaf/v2</c> line: withheld, it hashes through its committed data and reads with its texts withheld; whole, its
    /// texts are checked against their commitments with the salts it carries.
    /// </summary>
    private static LineRead ReadV2(JsonElement row)
    {
        if (Num(row, "leafVersion") != 2)
            throw new FormatException("'leafVersion' is not 2");
        var commitments = Str(row, "commitments");
        var committed = commitments is null ? null : Raw(row, "committed");
        if (Str(row, "withheld") is { } reason)
        {
            if (reason != BundleFormat.Confidential || committed is null || TextCommitments.Parse(commitments).Count == 0)
                throw new FormatException($"a withheld leaf/v2 event must say '{BundleFormat.Confidential}' and carry its commitments");
            var withheld = Leaf(row, committed) with { LeafVersion = 2, Commitments = commitments };
            return new LineRead(withheld, TextCommitments.Withheld(committed, commitments), true,
                (json, index) => BundleFormat.WriteWithheldV2(json, index, withheld, reason));
        }

        var data = Raw(row, "data");
        var salts = new Dictionary<string, byte[]>();
        if (commitments is not null)
            foreach (var salt in (row.TryGetProperty("salts", out var given) && given.ValueKind == JsonValueKind.Object ? given : default).EnumerateObject())
                salts[salt.Name] = salt.Value.ValueKind == JsonValueKind.String ? Convert.FromHexString(salt.Value.GetString()!) : [];
        var leaf = Leaf(row, committed ?? data) with { LeafVersion = 2, Commitments = commitments };
        return new LineRead(leaf, data, false, (json, index) => BundleFormat.WriteEventV2(json, index, leaf, data, salts),
            committed is null ? null : TextCommitments.Disagreement(data, committed, commitments, salts));
    }

    private static string Raw(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) ? value.GetRawText() : throw new FormatException($"an event has no {name}");

    private static LeafRecord Leaf(JsonElement row, string data)
    {
        if (!Guid.TryParseExact(Str(row, "id"), "D", out var id) || id.ToString("D") != Str(row, "id"))
            throw new FormatException("an event id is not a lowercase uuid");
        if (!DateTimeOffset.TryParseExact(Str(row, "recordedAt"), "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var recordedAt))
            throw new FormatException("recordedAt is not a UTC instant with microseconds");
        return new LeafRecord(
            id,
            Num(row, "position"),
            Str(row, "stream"),
            Num(row, "version"),
            Str(row, "type") ?? throw new FormatException("an event has no type"),
            Str(row, "tenant"),
            recordedAt,
            Str(row, "correlationId"),
            Str(row, "causationId"),
            Str(row, "userName"),
            Str(row, "headers"),
            data);
    }

    private static byte[]? Base64Hash(string text) => CanonicalBase64.TryDecode(text) is { Length: TreeHash.Size } hash ? hash : null;

    private static string Canonical(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
            write(json);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Str(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Num(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new FormatException($"'{name}' is missing or not a whole number");

    /// <summary>Lines end at '\n' only: a '\r' stays in the line (and fails the canonical check), unlike <see cref="TextReader.ReadLine"/>.</summary>
    private sealed class LineReader(TextReader text)
    {
        private readonly System.Text.StringBuilder _line = new();

        public long Number { get; private set; }

        public bool EndedWithNewline { get; private set; } = true;

        public string? Next()
        {
            _line.Clear();
            int c;
            while ((c = text.Read()) >= 0 && c != '\n')
            {
                if (_line.Length == MaxLineChars)
                    throw new FormatException($"line {Number + 1} is longer than {MaxLineChars} characters");
                _line.Append((char)c);
            }

            if (c < 0 && _line.Length == 0)
                return null;
            EndedWithNewline = c == '\n';
            Number++;
            return _line.ToString();
        }
    }
}
