using System.CommandLine;
using Ledger.Verifier;

var key = new Option<string?>("--key")
{
    Description = "The ledger's verifier key (name+id+key), or a file holding it. Pin it: without it the bundle's own key is trusted.",
};
var checkpoint = new Option<FileInfo>("--checkpoint")
{
    Description = "A signed checkpoint you saved earlier (GET /api/ledger/checkpoint).",
    Required = true,
};
var bundle = new Option<FileInfo>("--bundle")
{
    Description = "The export bundle (GET /api/ledger/export), NDJSON.",
    Required = true,
};
var proof = new Option<FileInfo>("--proof")
{
    Description = "A proof as the ledger serves it (JSON from /api/ledger/proofs/...).",
    Required = true,
};
var newer = new Option<FileInfo>("--new")
{
    Description = "The newer signed checkpoint.",
    Required = true,
};

var bundleCommand = new Command("bundle", "Check an export bundle against a checkpoint you saved earlier: every event, every root, every signature.")
{
    bundle, checkpoint, key,
};
bundleCommand.SetAction(parsed => Commands.Bundle(parsed.GetValue(bundle)!, parsed.GetValue(checkpoint)!, parsed.GetValue(key), Console.Out));

var consistencyCommand = new Command("consistency", "Check that a newer checkpoint extends the one you saved (the log only grew).")
{
    checkpoint, newer, proof, key,
};
consistencyCommand.SetAction(parsed =>
    Commands.Consistency(parsed.GetValue(checkpoint)!, parsed.GetValue(newer)!, parsed.GetValue(proof)!, parsed.GetValue(key), Console.Out));

var inclusionCommand = new Command("inclusion", "Check that an event's leaf is in the tree a checkpoint signs.")
{
    checkpoint, proof, key,
};
inclusionCommand.SetAction(parsed =>
    Commands.Inclusion(parsed.GetValue(checkpoint)!, parsed.GetValue(proof)!, parsed.GetValue(key), Console.Out));

var report = new Option<FileInfo>("--report")
{
    Description = "An evidence pack (GET /api/reports/...?format=json, or the file attached to a report's PDF).",
    Required = true,
};
var reportBundle = new Option<FileInfo?>("--bundle")
{
    Description = "An export bundle up to at least the pack's checkpoint (GET /api/ledger/export?to=): recompute every row from its facts.",
};
var reportCommand = new Command("report", "Check a report's evidence pack: its signature, its checkpoint, every proof; with --bundle, recompute every row from the facts.")
{
    report, key, reportBundle,
};
reportCommand.SetAction(parsed => Commands.Report(parsed.GetValue(report)!, parsed.GetValue(key), parsed.GetValue(reportBundle), Console.Out));

var root = new RootCommand("Offline verifier for the Directive Ledger's Merkle log: needs no database and no trust in the service.")
{
    bundleCommand, consistencyCommand, inclusionCommand, reportCommand,
};
return root.Parse(args).Invoke();
