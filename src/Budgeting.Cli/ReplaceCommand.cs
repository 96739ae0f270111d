using System.CommandLine;
using System.Globalization;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting replace</c>: replacement rounds after dropouts, each committed before its seed exists, like the draw.
/// <list type="bullet">
/// <item><c>replace --out DIR --dropouts ID[,ID…] | --dropouts-file FILE [--panels M]</c> commits round N (the next one):
/// draws the replacement distribution for the dropouts of the current panel with the lottery's algorithm
/// (<see cref="ReplacementLottery"/>; earlier rounds' dropouts are excluded), rounds it to a uniform lottery and writes
/// <c>DIR/replacements/round-N/</c> (dropouts.csv, lottery.json committing to the dropouts and the panel, lottery.sha256,
/// probabilities.csv, report.md) all at once.</item>
/// <item><c>replace --out DIR --seed SEED</c> reveals the committed round: picks slot <c>SeededStream(seed).NextBelow(m)</c>
/// and writes selected.csv (the replacements), panel.csv (the new panel), the reveal section of report.md and reveal.json
/// into the round's folder.</item>
/// </list>
/// </summary>
internal static class ReplaceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The lottery folder, after reveal.", Required = true };
        var dropouts = new Option<string?>("--dropouts") { Description = "Commit a round: comma-separated ids of the panel members who dropped out." };
        var dropoutsFile = new Option<FileInfo?>("--dropouts-file") { Description = "Commit a round: a CSV with a header 'id' and one dropout's id a line." };
        var seed = new Option<string?>("--seed") { Description = "Reveal the committed round with this seed, published after its hash." };
        var panels = new Option<int>("--panels") { Description = "The number of slots m of the round's lottery (default 1000).", DefaultValueFactory = _ => LotteryRounding.DefaultSlots };
        var command = new Command("replace", "Commit a replacement round for panel dropouts (DIR/replacements/round-N/), then reveal it with a later seed.")
        {
            output, dropouts, dropoutsFile, seed, panels,
        };
        command.SetAction(parse => Execute(console, parse.GetValue(output)!, parse.GetValue(dropouts), parse.GetValue(dropoutsFile), parse.GetValue(seed), parse.GetValue(panels)));
        return command;
    }

    private static int Fail(CliConsole console, int code, string message)
    {
        console.Error.Write($"budgeting replace: {LotteryFolder.OneLine(message)}\n");
        return code;
    }

    private static int Execute(CliConsole console, DirectoryInfo output, string? dropoutText, FileInfo? dropoutsFile, string? seed, int panels)
    {
        try
        {
            if (seed is not null && (dropoutText is not null || dropoutsFile is not null))
            {
                return Fail(console, ExitCodes.BadInput, "give --dropouts or --dropouts-file to commit a round, or --seed to reveal it, not both: the seed must be published after the round's hash");
            }

            if (dropoutText is not null && dropoutsFile is not null)
            {
                return Fail(console, ExitCodes.BadInput, "give --dropouts or --dropouts-file, not both");
            }

            if (seed is null && dropoutText is null && dropoutsFile is null)
            {
                return Fail(console, ExitCodes.BadInput, "give --dropouts ID[,ID…] or --dropouts-file FILE to commit a replacement round, or --seed SEED to reveal the committed one");
            }

            if (panels < 1 || panels > 1_000_000)
            {
                return Fail(console, ExitCodes.BadInput, $"--panels must be between 1 and 1000000, not {panels}");
            }

            var folder = output.FullName;
            if (!Directory.Exists(folder))
            {
                return Fail(console, ExitCodes.BadInput, $"{output}: no such folder");
            }

            if (RevealCommand.Open(folder, "replace", console, out var code) is not var (document, hash, pool, _, _))
            {
                return code;
            }

            var revealBytes = LotteryFolder.ReadIfExists(folder, LotteryFolder.Reveal);
            if (revealBytes is null || !File.Exists(Path.Combine(folder, LotteryFolder.Selected)))
            {
                return Fail(console, ExitCodes.BadInput, $"{output} has not been revealed yet (reveal.json or selected.csv is missing); run budgeting reveal first");
            }

            var reveal = RevealRecord.Parse(revealBytes);
            if (reveal.LotterySha256 != hash || reveal.Index < 0 || reveal.Index >= document.M)
            {
                return Fail(console, RevealCommand.Tampered, "reveal.json does not belong to this lottery.json");
            }

            var drawn = LotteryFolder.Members(pool, document, reveal.Index).Order().ToList();
            if (ReplacementFolder.Replay(folder, pool, drawn, out var problem) is not { } chain)
            {
                return Fail(console, RevealCommand.Tampered, problem!);
            }

            return seed is not null
                ? Reveal(console, pool, chain, seed)
                : Commit(console, folder, document, pool, chain, dropoutText, dropoutsFile, panels);
        }
        catch (SortitionInputException e)
        {
            foreach (var problem in e.Problems.Select(p => p.ToString()))
            {
                console.Error.Write($"budgeting replace: {LotteryFolder.OneLine(problem)}\n");
            }

            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Fail(console, ExitCodes.BadInput, e.Message);
        }
    }

    private static int Commit(
        CliConsole console, string folder, LotteryDocument document, Pool pool, ReplacementFolder.Chain chain,
        string? dropoutText, FileInfo? dropoutsFile, int panels)
    {
        if (chain.Pending is { } pending)
        {
            return Fail(console, ExitCodes.BadInput,
                $"{ReplacementFolder.Folder}/{ReplacementFolder.RoundName(pending.Number)} is committed but not revealed yet: run budgeting replace --out DIR --seed SEED with the seed published after its hash");
        }

        var number = chain.Next;
        var basis = number == 1 ? "the panel drawn" : $"the panel after round {number - 1}";
        var index = ReplacementFolder.IndexById(pool);
        var ids = new List<string>();
        var dropouts = new List<int>();
        if (dropoutsFile is not null)
        {
            if (!dropoutsFile.Exists)
            {
                return Fail(console, ExitCodes.BadInput, $"{dropoutsFile}: no such file");
            }

            var name = dropoutsFile.ToString();
            var problems = new List<SortitionInputProblem>();
            foreach (var (id, line) in DropoutsFile.Read(File.ReadAllBytes(dropoutsFile.FullName), name))
            {
                if (!index.TryGetValue(id, out var person))
                {
                    problems.Add(new SortitionInputProblem(name, line, DropoutsFile.Header, $"unknown id {id}: nobody in people.csv has it"));
                }
                else if (!chain.Panel.Contains(person))
                {
                    problems.Add(new SortitionInputProblem(name, line, DropoutsFile.Header, $"{id} is not on {basis}"));
                }
                else
                {
                    ids.Add(id);
                    dropouts.Add(person);
                }
            }

            if (problems.Count > 0)
            {
                throw new SortitionInputException(problems);
            }
        }
        else
        {
            ids.AddRange(LotteryFolder.SplitColumns(dropoutText));
            if (ids.Count == 0)
            {
                return Fail(console, ExitCodes.BadInput, "--dropouts names no id");
            }

            foreach (var id in ids)
            {
                if (!index.TryGetValue(id, out var person))
                {
                    return Fail(console, ExitCodes.BadInput, $"unknown id {id}: nobody in people.csv has it");
                }

                if (!chain.Panel.Contains(person))
                {
                    return Fail(console, ExitCodes.BadInput, number == 1 ? $"{id} is not on the panel" : $"{id} is not on {basis}");
                }

                if (dropouts.Contains(person))
                {
                    return Fail(console, ExitCodes.BadInput, $"{id} is named twice in --dropouts");
                }

                dropouts.Add(person);
            }
        }

        var (plan, lottery) = Draw(pool, document.Algorithm, chain.Panel, dropouts, chain.Excluded, panels, out var infeasible);
        if (infeasible is not null)
        {
            return Fail(console, ExitCodes.BadInput, "no replacement set restores the quotas (its figures are the quotas left after the members who stay): " + infeasible);
        }

        var dropoutBytes = DropoutsFile.Write(ids);
        var round = new ReplacementRound(
            number, LotteryFile.Sha256(LotteryFolder.Rows(pool, chain.Panel.ToHashSet(), selected: true)), ids, LotteryFile.Sha256(dropoutBytes),
            [.. chain.Excluded.Order().Select(i => pool.People[i].Id)]);
        var probabilities = LotteryFile.WriteProbabilities(pool, plan!.Distribution);
        var json = LotteryFile.Write(LotteryFile.Create(pool, lottery!, document.Inputs, LotteryFile.Sha256(probabilities), round));
        var roundHash = LotteryFile.Sha256(json);

        // Everything goes to a temporary sibling folder first, then becomes replacements/round-N in one move.
        var root = Path.Combine(folder, ReplacementFolder.Folder);
        Directory.CreateDirectory(root);
        var temporary = Path.Combine(root, $".{ReplacementFolder.RoundName(number)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(temporary);
            LotteryFolder.Write(temporary, ReplacementFolder.Dropouts, dropoutBytes);
            LotteryFolder.Write(temporary, LotteryFolder.Probabilities, probabilities);
            LotteryFolder.Write(temporary, LotteryFolder.Lottery, json);
            LotteryFolder.Write(temporary, LotteryFolder.Hash, LotteryFile.WriteHash(json));
            LotteryFolder.Write(temporary, LotteryFolder.Report, string.Create(CultureInfo.InvariantCulture, $$"""
                # Replacement round {{number}}

                Publish the SHA-256 of `lottery.json` before the round's seed exists.

                | | |
                |---|---|
                | `lottery.json` SHA-256 | `{{roundHash}}` |
                | dropouts | {{string.Join(", ", ids)}} |
                | `dropouts.csv` SHA-256 | `{{round.DropoutsSha256}}` |
                | panel replaced | {{basis}}, SHA-256 `{{round.PanelSha256}}` |
                | excluded (earlier dropouts) | {{(round.Excluded.Count == 0 ? "none" : string.Join(", ", round.Excluded))}} |
                | algorithm | {{document.Algorithm}} |
                | candidates | {{plan.Candidates.Count}} |
                | slots | {{lottery!.M}} sets of {{dropouts.Count}} |
                | rounding | moved probabilities by at most {{LotteryFile.Number(lottery.MaxChange)}} (bound {{LotteryFile.Number(lottery.Bound)}}) |

                """).Replace("\r\n", "\n", StringComparison.Ordinal));
            Directory.Move(temporary, Path.Combine(root, ReplacementFolder.RoundName(number)));
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }

        var path = $"{ReplacementFolder.Folder}/{ReplacementFolder.RoundName(number)}";
        console.Out.Write(string.Create(CultureInfo.InvariantCulture,
            $"round {number}: {document.Algorithm}, {lottery!.M} replacement slots of {dropouts.Count} from {plan.Candidates.Count} candidates for {string.Join(", ", ids)}\n"));
        console.Out.Write($"{path}/dropouts.csv SHA-256: {round.DropoutsSha256}\n{path}/lottery.json SHA-256: {roundHash}\n");
        console.Out.Write("Publish this hash before the round's seed; then run: budgeting replace --out DIR --seed SEED\n");
        return ExitCodes.Ok;
    }

    private static int Reveal(CliConsole console, Pool pool, ReplacementFolder.Chain chain, string seed)
    {
        if (chain.Pending is not { } pending)
        {
            return Fail(console, ExitCodes.BadInput, "no committed replacement round awaits a seed: commit one first with --dropouts or --dropouts-file");
        }

        var name = $"{ReplacementFolder.Folder}/{ReplacementFolder.RoundName(pending.Number)}";
        var round = pending.Document.Replacement!;
        var dropoutBytes = LotteryFolder.ReadIfExists(pending.Path, ReplacementFolder.Dropouts);
        if (dropoutBytes is null || LotteryFile.Sha256(dropoutBytes) != round.DropoutsSha256)
        {
            return Fail(console, RevealCommand.Tampered, $"{name}/dropouts.csv is not the dropouts file {name}/lottery.json commits to");
        }

        var probabilities = LotteryFolder.ReadIfExists(pending.Path, LotteryFolder.Probabilities);
        if (probabilities is null || LotteryFile.Sha256(probabilities) != pending.Document.ProbabilitiesSha256)
        {
            return Fail(console, RevealCommand.Tampered, $"{name}/probabilities.csv is not the one {name}/lottery.json commits to");
        }

        var index = ReplacementFolder.IndexById(pool);
        if (LotteryFile.Sha256(LotteryFolder.Rows(pool, pending.PanelBefore.ToHashSet(), selected: true)) != round.PanelSha256)
        {
            return Fail(console, RevealCommand.Tampered, $"{name}/lottery.json commits to another panel than the one before round {pending.Number}");
        }

        var chosenIndex = PanelChoice.Index(seed, pending.Document.M);
        var chosen = LotteryFolder.Members(pool, pending.Document, chosenIndex);
        var panel = ReplacementFolder.After(pending.PanelBefore, round.Dropouts.Select(d => index[d]), chosen);
        LotteryFolder.Write(pending.Path, LotteryFolder.Selected, LotteryFolder.Rows(pool, chosen, selected: true));
        LotteryFolder.Write(pending.Path, ReplacementFolder.Panel, LotteryFolder.Rows(pool, panel.ToHashSet(), selected: true));
        var report = LotteryFolder.ReadIfExists(pending.Path, LotteryFolder.Report) is { } committed ? System.Text.Encoding.UTF8.GetString(committed) : "";
        var byId = pool.People.Select(p => p.Id).ToArray();
        LotteryFolder.Write(pending.Path, LotteryFolder.Report, report + "\n" + string.Create(CultureInfo.InvariantCulture, $$"""
            ## Reveal

            | | |
            |---|---|
            | seed | `{{seed}}` |
            | slot | {{chosenIndex}} of {{pending.Document.M}} |
            | replacements | {{string.Join(", ", chosen.Order().Select(i => byId[i]))}} |
            | panel after the round | {{string.Join(", ", panel.Select(i => byId[i]))}} |

            """).Replace("\r\n", "\n", StringComparison.Ordinal));
        LotteryFolder.Write(pending.Path, LotteryFolder.Reveal, new RevealRecord(seed, chosenIndex, pending.Hash).ToBytes());
        console.Out.Write(string.Create(CultureInfo.InvariantCulture,
            $"round {pending.Number}: seed {seed} chose slot {chosenIndex} of {pending.Document.M} ({name}/lottery.json SHA-256 {pending.Hash}):\n"));
        console.Out.Write($"{string.Join(", ", pending.Document.Panels[chosenIndex].Members)} replace {string.Join(", ", round.Dropouts)}\n");
        return ExitCodes.Ok;
    }

    /// <summary>The round's replacement lottery, or null with <paramref name="infeasible"/> set when no set restores the quotas.</summary>
    internal static (ReplacementDistribution? Plan, UniformLottery? Lottery) Draw(
        Pool pool, string algorithm, IReadOnlyList<int> panel, IReadOnlyList<int> dropouts, IReadOnlyCollection<int> excluded, int m, out string? infeasible)
    {
        infeasible = null;
        try
        {
            var (plan, lottery) = ReplacementLottery.Create(pool, panel, dropouts, SelectionAlgorithms.Create(algorithm), m, excluded);
            return (plan, lottery);
        }
        catch (InfeasibleQuotasException e)
        {
            infeasible = e.Message;
            return (null, null);
        }
    }
}
