using System.CommandLine;
using Budgeting.Audit;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting audit-bundle BUNDLE.zip</c>: re-checks a published audit bundle (Core <see cref="AuditBundleVerifier"/>):
/// the manifest's hashes, every lottery round, the panel, the ballots' order and the tally. Exits 0 when everything
/// matches, 1 naming each difference on standard output, 2 for a missing or malformed bundle.
/// </summary>
internal static class AuditBundleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var bundle = new Argument<FileInfo>("bundle") { Description = "The audit bundle, a zip downloaded from the service." };
        var command = new Command("audit-bundle", "Check a published audit bundle: file hashes, the lottery, the panel, the ballots and the tally.") { bundle };
        command.SetAction(parse => Execute(console, parse.GetValue(bundle)!));
        return command;
    }

    private static int Execute(CliConsole console, FileInfo bundle)
    {
        if (!bundle.Exists)
        {
            console.Error.Write($"budgeting audit-bundle: {bundle}: no such file\n");
            return ExitCodes.BadInput;
        }

        AuditVerification result;
        try
        {
            using var stream = bundle.OpenRead();
            result = AuditBundleVerifier.Verify(stream);
        }
        catch (AuditBundleFormatException e)
        {
            console.Error.Write($"budgeting audit-bundle: {bundle}: not an audit bundle: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.Write($"budgeting audit-bundle: {bundle}: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }

        foreach (var line in result.Checked)
        {
            console.Out.Write($"ok   {LotteryFolder.OneLine(line)}\n");
        }

        if (result.Passed)
        {
            console.Out.Write("audit-bundle passed: every file, the lottery, the panel, the ballots and the tally check out\n");
            return ExitCodes.Ok;
        }

        foreach (var finding in result.Findings)
        {
            console.Out.Write($"FAIL {LotteryFolder.OneLine(finding)}\n");
        }

        console.Error.Write($"budgeting audit-bundle: {result.Findings.Count} problem(s) found\n");
        return AuditCommand.Failed;
    }
}
