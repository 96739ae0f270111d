using System.CommandLine;
using System.IO.Compression;
using System.Text;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;
using Budgeting.Tallying.Reports;
using Budgeting.Tallying.Rules;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting tally FILE --rule NAME [options]</c>: reads a Pabulib election, tallies it with the chosen rule and prints the
/// outcome report (text or JSON) or the election with the computed <c>selected</c> column (pb). Everything but argument
/// handling and printing is done by Core.
/// </summary>
internal static class TallyCommand
{
    private static readonly string[] Formats = ["text", "json", "pb"];

    /// <summary>Builds the command; its action writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The election, a Pabulib .pb file (or .pb.gz)." };
        var rule = new Option<string>("--rule", "-r")
        {
            Description = "The rule: " + string.Join(", ", RuleCatalog.Names) + ".",
            Required = true,
        };
        var utility = new Option<string?>("--utility") { Description = "equal-shares: cost (default) or cardinality utilities." };
        utility.AcceptOnlyFromAmong("cost", "cardinality");
        var completion = new Option<string?>("--completion") { Description = "equal-shares: none (default), add1 or add1u." };
        completion.AcceptOnlyFromAmong("none", "add1", "add1u");
        var integral = new Option<bool>("--integral") { Description = "equal-shares with add1: start from floor(budget / voters)." };
        var exhaustive = new Option<bool>("--exhaustive") { Description = "equal-shares with add1: stop at the first exhaustive outcome." };
        var comparison = new Option<bool>("--comparison") { Description = "equal-shares: keep greedy's outcome when voters prefer it (equalshares.net)." };
        var tieBreak = new Option<string>("--tie-break")
        {
            Description = "Tie-break order, most important first: min-cost, max-votes, id, lottery (the id always decides last).",
            DefaultValueFactory = _ => TieBreak.Default.ToString(),
        };
        var seed = new Option<string?>("--seed") { Description = "The published seed for the 'lottery' tie-break." };
        var strict = new Option<bool>("--strict-ties") { Description = "Refuse (exit code 3) when a tie decides the outcome." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: text (default), json, or pb (the election with the computed selected column).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the output to this file (atomically) instead of stdout." };
        var progress = new Option<string>("--progress")
        {
            Description = "Progress on stderr: auto (default: only when stderr is a terminal), always or never.",
            DefaultValueFactory = _ => "auto",
        };
        progress.AcceptOnlyFromAmong("auto", "always", "never");

        var command = new Command("tally", "Tally a Pabulib election with a rule and report the outcome.")
        {
            file, rule, utility, completion, integral, exhaustive, comparison, tieBreak, seed, strict, format, output, progress,
        };
        command.SetAction(parse =>
        {
            var showProgress = parse.GetValue(progress) switch
            {
                "always" => true,
                "never" => false,
                _ => console.ErrorIsTerminal,
            };
            var request = new TallyRequest(
                parse.GetValue(file)!,
                parse.GetValue(rule)!,
                parse.GetValue(utility),
                parse.GetValue(completion),
                parse.GetValue(integral),
                parse.GetValue(exhaustive),
                parse.GetValue(comparison),
                parse.GetValue(tieBreak)!,
                parse.GetValue(seed),
                parse.GetValue(strict),
                parse.GetValue(format)!,
                parse.GetValue(output));
            return Execute(request, console, new ProgressReporter(console.Error, showProgress, console.ErrorIsTerminal));
        });
        return command;
    }

    private static int Execute(TallyRequest request, CliConsole console, ProgressReporter progress)
    {
        try
        {
            RuleOptions options;
            try
            {
                var order = TieBreak.Parse(request.TieBreak, request.Seed, request.StrictTies);
                options = new RuleOptions(
                    request.Rule,
                    request.Utility switch { null => null, "cardinality" => Utility.Cardinality, _ => Utility.Cost },
                    request.Completion switch { null => null, "add1" => Completion.Add1, "add1u" => Completion.Add1Utilitarian, _ => Completion.None },
                    request.Integral,
                    request.Exhaustive,
                    request.Comparison,
                    order);
                _ = RuleCatalog.Create(options); // Refuse bad options before reading a large file.
            }
            catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException)
            {
                return Fail(console, progress, ExitCodes.BadInput, $"budgeting tally: {e.Message}");
            }

            var path = request.File.ToString();
            if (!request.File.Exists)
            {
                return Fail(console, progress, ExitCodes.BadInput, $"{path}: no such file");
            }

            var name = request.File.Name;
            progress.Phase($"reading {name} ({request.File.Length:N0} bytes)");
            PabulibFile election;
            var total = request.File.Length;
            using (var stream = new ProgressStream(request.File.OpenRead(), done => progress.Bytes(name, done, total)))
            {
                election = PabulibReader.Read(stream, path, new PabulibReadOptions { KeepVoters = request.Format == "pb" });
            }

            progress.EndLine();
            var rule = RuleCatalog.Create(options with { Unit = election.MetaValue("unit") });
            foreach (var warning in election.Warnings)
            {
                console.Error.Write($"warning: {warning}\n");
            }

            progress.Phase($"read {election.Profile.VoterCount:N0} voters, {election.Election.Projects.Count} projects; tallying with {rule.Name}");
            var outcome = rule.Tally(election.Election, election.Profile);
            Action<Stream> write;
            if (request.Format == "pb")
            {
                write = stream => PabulibWriter.Write(election, stream, outcome.Selected);
            }
            else
            {
                progress.Phase("tallied; computing voter metrics for the report");
                var report = OutcomeReport.Create(election.Election, election.Profile, outcome, name);
                write = request.Format == "json"
                    ? stream => JsonReport.Write(report, stream)
                    : stream => WriteText(TextReport.ToText(report), stream);
            }

            progress.Phase($"writing the {request.Format} output");
            if (request.Out is { } target)
            {
                AtomicFile.Write(target.FullName, target.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Compressed(write) : write);
            }
            else
            {
                WriteToStandardOutput(console, write);
            }

            progress.Phase("done");
            return ExitCodes.Ok;
        }
        catch (PabulibFormatException e)
        {
            return Fail(console, progress, ExitCodes.BadInput, OneLine(e.Message));
        }
        catch (NotSupportedException e)
        {
            // A rule that cannot handle this election, such as official on a file whose rule is 'unknown'.
            return Fail(console, progress, ExitCodes.BadInput, $"budgeting tally: {OneLine(e.Message)}");
        }
        catch (TieException e)
        {
            return Fail(console, progress, ExitCodes.StrictTie, $"budgeting tally: {OneLine(e.Message)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(console, progress, ExitCodes.BadInput, $"budgeting tally: {OneLine(e.Message)}");
        }
        catch (Exception e)
        {
            return Fail(console, progress, ExitCodes.Unexpected, $"budgeting tally: unexpected error: {e.GetType().Name}: {OneLine(e.Message)}");
        }
    }

    private static Action<Stream> Compressed(Action<Stream> write) => stream =>
    {
        using var gzip = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        write(gzip);
    };

    private static void WriteText(string text, Stream stream)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
        stream.Write(bytes);
    }

    private static void WriteToStandardOutput(CliConsole console, Action<Stream> write)
    {
        if (console.OutputStream is { } raw)
        {
            console.Out.Flush();
            write(raw);
            raw.Flush();
            return;
        }

        using var buffer = new MemoryStream();
        write(buffer);
        console.Out.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        console.Out.Flush();
    }

    private static int Fail(CliConsole console, ProgressReporter progress, int code, string message)
    {
        progress.EndLine();
        console.Error.Write(message + "\n");
        console.Error.Flush();
        return code;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
