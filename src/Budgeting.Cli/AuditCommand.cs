using System.CommandLine;
using System.Globalization;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting audit --people P.csv --categories C.csv --size K --seed SEED --out DIR [draw's options]</c>: re-checks a
/// drawn and revealed lottery from the original inputs and the published seed, and every replacement round
/// (<see cref="ReplacementAudit"/>) with <c>--replacement-seed</c> once per revealed round. Exits 0 when everything holds, exactly 1
/// when anything was tampered with (each finding named on standard output), 2 on bad input.
/// </summary>
internal static class AuditCommand
{
    /// <summary>The exit code when the audit finds a problem.</summary>
    public const int Failed = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var options = DrawCommand.Options.Create();
        var seed = new Option<string>("--seed") { Description = "The published seed the panel was revealed with.", Required = true };
        var replacementSeeds = new Option<string[]>("--replacement-seed")
        {
            Description = "The seed published for a revealed replacement round; repeat once per round, in round order.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("audit", "Check a lottery folder: the hash, every panel, the probabilities, the panel chosen by the seed and every replacement round.")
        {
            seed, replacementSeeds,
        };
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Execute(console,
            parse.GetValue(options.People)!, parse.GetValue(options.Categories)!, parse.GetValue(options.Size),
            parse.GetValue(options.Algorithm)!, parse.GetValue(options.Panels), parse.GetValue(options.IdColumn),
            LotteryFolder.SplitColumns(parse.GetValue(options.AddressColumns)), parse.GetValue(options.Population),
            parse.GetValue(seed)!, parse.GetValue(replacementSeeds) ?? [], parse.GetValue(options.Out)!));
        return command;
    }

    private static int Execute(
        CliConsole console, FileInfo people, FileInfo categories, int size, string algorithm, int panels, string? idColumn,
        IReadOnlyList<string> addressColumns, FileInfo? population, string seed, IReadOnlyList<string> replacementSeeds, DirectoryInfo output)
    {
        try
        {
            foreach (var file in new[] { people, categories, population })
            {
                if (file is not null && !file.Exists)
                {
                    console.Error.Write($"budgeting audit: {file}: no such file\n");
                    return ExitCodes.BadInput;
                }
            }

            var folder = output.FullName;
            if (!Directory.Exists(folder))
            {
                console.Error.Write($"budgeting audit: {output}: no such folder\n");
                return ExitCodes.BadInput;
            }

            var revealedRounds = ReplacementAudit.RevealedRounds(folder);
            if (replacementSeeds.Count < revealedRounds)
            {
                console.Error.Write(string.Create(CultureInfo.InvariantCulture,
                    $"budgeting audit: {revealedRounds} replacement round(s) were revealed but {replacementSeeds.Count} --replacement-seed given: give the seed published for each round, in round order\n"));
                return ExitCodes.BadInput;
            }

            var peopleBytes = File.ReadAllBytes(people.FullName);
            var categoriesBytes = File.ReadAllBytes(categories.FullName);
            var populationHash = population is null ? null : LotteryFile.Sha256(File.ReadAllBytes(population.FullName));
            var inputs = new LotteryInputs(LotteryFile.Sha256(peopleBytes), LotteryFile.Sha256(categoriesBytes), populationHash, idColumn, addressColumns);
            var pool = LotteryFolder.LoadPool(peopleBytes, people.ToString(), categoriesBytes, categories.ToString(), size, inputs);

            var findings = new List<string>();
            var json = LotteryFolder.ReadIfExists(folder, LotteryFolder.Lottery);
            var hashBytes = LotteryFolder.ReadIfExists(folder, LotteryFolder.Hash);
            var revealBytes = LotteryFolder.ReadIfExists(folder, LotteryFolder.Reveal);
            RevealRecord? reveal = null;
            if (revealBytes is not null)
            {
                try
                {
                    reveal = RevealRecord.Parse(revealBytes);
                }
                catch (FormatException e)
                {
                    findings.Add(e.Message);
                }
            }

            var files = new LotteryFiles(json, hashBytes is null ? null : System.Text.Encoding.UTF8.GetString(hashBytes),
                LotteryFolder.ReadIfExists(folder, LotteryFolder.Probabilities), revealBytes is null ? null : reveal);
            if (revealBytes is not null && reveal is null)
            {
                files = files with { Reveal = new RevealRecord("", -1, "") };
            }

            findings.AddRange(LotteryAudit.Check(pool, size, inputs, files, seed));
            var rounds = 0;
            if (json is not null && TryParse(json) is { } document)
            {
                if (document.Replacement is not null)
                {
                    findings.Add("lottery.json: is a replacement round's lottery, not the draw's");
                }

                if (document.Algorithm != algorithm)
                {
                    findings.Add($"lottery.json: drawn with --algorithm {document.Algorithm}, audited with {algorithm}");
                }

                if (document.M != panels)
                {
                    findings.Add($"lottery.json: has {document.M} panel slots, audited with --panels {panels}");
                }

                if (population is null && document.Inputs.PopulationSha256 is not null)
                {
                    findings.Add("lottery.json: drawn with a --population file, audited without one");
                }
                else if (population is not null && document.Inputs.PopulationSha256 != populationHash)
                {
                    findings.Add("population file: not the one the lottery was drawn with");
                }

                if (document.M > 0 && reveal is not null)
                {
                    var chosen = LotteryFolder.Members(pool, document, PanelChoice.Index(seed, document.M));
                    CompareFile(folder, LotteryFolder.Selected, LotteryFolder.Rows(pool, chosen, selected: true), findings);
                    CompareFile(folder, LotteryFolder.Remaining, LotteryFolder.Rows(pool, chosen, selected: false), findings);
                    rounds = ReplacementAudit.Check(folder, pool, document, chosen, replacementSeeds, findings);
                }
            }

            if (findings.Count == 0)
            {
                var replaced = rounds == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"; {rounds} replacement round(s) re-derived and checked");
                console.Out.Write($"audit passed: the lottery hash, every panel's size, quotas and households, the probabilities and the panel chosen by the seed all check out{replaced}\n");
                return ExitCodes.Ok;
            }

            foreach (var finding in findings)
            {
                console.Out.Write($"FAIL {LotteryFolder.OneLine(finding)}\n");
            }

            console.Error.Write($"budgeting audit: {findings.Count} problem(s) found\n");
            return Failed;
        }
        catch (SortitionInputException e)
        {
            console.Error.Write($"budgeting audit: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.Write($"budgeting audit: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }
    }

    private static LotteryDocument? TryParse(byte[] json)
    {
        try
        {
            return LotteryFile.Parse(json);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void CompareFile(string folder, string name, byte[] expected, List<string> findings)
    {
        var actual = LotteryFolder.ReadIfExists(folder, name);
        if (actual is null)
        {
            findings.Add($"{name} is missing");
        }
        else if (!actual.AsSpan().SequenceEqual(expected))
        {
            findings.Add($"{name}: does not hold exactly the rows of the panel the seed chooses");
        }
    }
}
