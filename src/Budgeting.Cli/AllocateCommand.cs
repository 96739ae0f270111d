using System.CommandLine;
using System.Globalization;
using System.Text;
using Budgeting.Formats.Allocation;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;
using Budgeting.Tallying.Reports;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting allocate FILE.csv --budget B --rule NAME [options]</c>: reads panelists' proposed allocations, aggregates
/// them with an allocation rule and prints the report (text or JSON), optionally writes the SVG chart, and with
/// <c>--projects</c> runs a project vote inside each area with the area's amount. Everything is computed before anything
/// is written, and files are written atomically.
/// </summary>
internal static class AllocateCommand
{
    /// <summary>Builds the command; its action writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The proposals: CSV with header voter_id,<area>,<area>,… and one row per panelist." };
        var budget = new Option<long>("--budget", "-b") { Description = "The budget, in whole currency units; every row must add up to it.", Required = true };
        var rule = new Option<string>("--rule", "-r") { Description = "The rule: " + string.Join(", ", AllocationRules.Names) + ".", Required = true };
        rule.AcceptOnlyFromAmong([.. AllocationRules.Names]);
        var format = new Option<string>("--format", "-f") { Description = "Output: text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var areas = new Option<string?>("--areas") { Description = "The areas the header must name, comma-separated (default: the header's)." };
        var floors = new Option<string[]>("--floor") { Description = "AREA=AMOUNT: the area's least amount (repeatable). Rows below it are refused." };
        var ceilings = new Option<string[]>("--ceiling") { Description = "AREA=AMOUNT: the area's largest amount (repeatable). Rows above it are refused." };
        var chart = new Option<FileInfo?>("--chart") { Description = "Also write the SVG chart of the proposals and the outcome to this file." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the report to this file (atomically) instead of stdout." };
        var projects = new Option<FileInfo?>("--projects") { Description = "Hierarchical budget: a Pabulib file whose projects' category names their area; a project vote runs in each area." };
        var projectRule = new Option<string?>("--project-rule") { Description = "With --projects: the tally rule in each area (" + string.Join(", ", RuleCatalog.Names) + "); default greedy." };

        var command = new Command("allocate", "Aggregate panelists' proposed allocations of a budget across areas.")
        {
            file, budget, rule, format, areas, floors, ceilings, chart, output, projects, projectRule,
        };
        command.SetAction(parse => Execute(
            console,
            parse.GetValue(file)!,
            parse.GetValue(budget),
            parse.GetValue(rule)!,
            parse.GetValue(format)!,
            parse.GetValue(areas),
            parse.GetValue(floors) ?? [],
            parse.GetValue(ceilings) ?? [],
            parse.GetValue(chart),
            parse.GetValue(output),
            parse.GetValue(projects),
            parse.GetValue(projectRule)));
        return command;
    }

    private static int Execute(
        CliConsole console, FileInfo file, long budget, string ruleName, string format, string? areaList, string[] floorTexts, string[] ceilingTexts,
        FileInfo? chart, FileInfo? output, FileInfo? projectsFile, string? projectRuleName)
    {
        try
        {
            if (projectRuleName is not null && projectsFile is null)
            {
                return Fail(console, "budgeting allocate: --project-rule needs --projects.");
            }

            ITallyRule? projectRule = null;
            if (projectsFile is not null)
            {
                projectRule = RuleCatalog.Create(new RuleOptions(projectRuleName ?? "greedy"));
            }

            var options = new AllocationCsvOptions(
                areaList?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                Bounds("--floor", floorTexts),
                Bounds("--ceiling", ceilingTexts));
            if (!file.Exists)
            {
                return Fail(console, $"{file}: no such file");
            }

            AllocationCsvFile vote;
            using (var reader = new StreamReader(file.FullName))
            {
                vote = AllocationCsvReader.Read(reader, file.ToString(), budget, options);
            }

            var rule = AllocationRules.Create(ruleName);
            var outcome = rule.Allocate(vote.Election, vote.Ballots);
            var report = AllocationReport.Create(vote.Election, vote.Ballots, outcome, file.Name);

            IReadOnlyList<AreaProjectVote>? projectVotes = null;
            if (projectsFile is not null)
            {
                if (!projectsFile.Exists)
                {
                    return Fail(console, $"{projectsFile}: no such file");
                }

                var pabulib = PabulibReader.Read(projectsFile.FullName);
                foreach (var warning in pabulib.Warnings)
                {
                    console.Error.Write($"warning: {warning}\n");
                }

                try
                {
                    projectVotes = HierarchicalBudget.Tally(outcome, pabulib.Election, pabulib.Profile, projectRule!);
                }
                catch (ArgumentException e)
                {
                    return Fail(console, $"{projectsFile.Name}: {e.Message}");
                }
            }

            var text = format == "json" ? Json(report, projectVotes, projectsFile?.Name) : Text(report, projectVotes, projectsFile?.Name);
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
            var svg = chart is null ? null : new UTF8Encoding(false).GetBytes(AllocationChart.ToSvg(report));
            if (chart is not null)
            {
                AtomicFile.Write(chart.FullName, stream => stream.Write(svg));
            }

            if (output is not null)
            {
                AtomicFile.Write(output.FullName, stream => stream.Write(bytes));
            }
            else
            {
                console.Out.Write(text);
                console.Out.Flush();
            }

            return ExitCodes.Ok;
        }
        catch (AllocationFormatException e)
        {
            return Fail(console, e.Message);
        }
        catch (PabulibFormatException e)
        {
            return Fail(console, e.Message.ReplaceLineEndings(" ").Trim());
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Fail(console, $"budgeting allocate: {e.Message.ReplaceLineEndings(" ").Trim()}");
        }
        catch (Exception e)
        {
            return Fail(console, $"budgeting allocate: unexpected error: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ").Trim()}", ExitCodes.Unexpected);
        }
    }

    private static Dictionary<string, long>? Bounds(string option, string[] texts)
    {
        if (texts.Length == 0)
        {
            return null;
        }

        var bounds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var equals = text.LastIndexOf('=');
            if (equals <= 0 || !long.TryParse(text.AsSpan(equals + 1).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                throw new ArgumentException($"{option} '{text}': expected AREA=AMOUNT with a whole amount.");
            }

            if (!bounds.TryAdd(text[..equals].Trim(), amount))
            {
                throw new ArgumentException($"{option} is given twice for area '{text[..equals].Trim()}'.");
            }
        }

        return bounds;
    }

    private static string Text(AllocationReport report, IReadOnlyList<AreaProjectVote>? votes, string? source)
    {
        var text = new StringBuilder(AllocationText.ToText(report));
        foreach (var vote in votes ?? [])
        {
            text.Append('\n').Append(CultureInfo.InvariantCulture, $"== Project vote in area '{vote.Area}' (budget {vote.Election.Budget}) ==").Append('\n');
            text.Append(vote.Outcome is null
                ? (vote.Election.Projects.Count == 0 ? "No project belongs to this area.\n" : "No voter chose a project in this area.\n")
                : TextReport.ToText(OutcomeReport.Create(vote.Election, vote.Profile, vote.Outcome, source)));
        }

        return text.ToString();
    }

    private static string Json(AllocationReport report, IReadOnlyList<AreaProjectVote>? votes, string? source)
    {
        if (votes is not null)
        {
            return Encoding.UTF8.GetString(HierarchicalJson.ToBytes(report, votes, source));
        }

        using var buffer = new MemoryStream();
        AllocationJson.Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static int Fail(CliConsole console, string message, int code = ExitCodes.BadInput)
    {
        console.Error.Write(message + "\n");
        console.Error.Flush();
        return code;
    }
}
