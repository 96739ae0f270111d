using System.CommandLine;
using System.Globalization;
using System.Text;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting replace --out DIR --dropouts ID[,ID…] --seed SEED [--panels M]</c>: after <c>reveal</c>, draws replacements
/// for the dropouts with the lottery's algorithm (<see cref="ReplacementLottery"/>), rounds them to a uniform lottery written
/// canonically with its SHA-256, picks slot <c>SeededStream(seed).NextBelow(m)</c> and writes the folder
/// <c>DIR/replacements/</c> (dropouts.csv, lottery.json, lottery.sha256, probabilities.csv, reveal.json, selected.csv,
/// panel.csv) all at once.
/// </summary>
internal static class ReplaceCommand
{
    /// <summary>The subfolder of the lottery folder the replacement draw is written to.</summary>
    public const string Folder = "replacements";

    /// <summary>The updated panel: the members who stay and the replacements, full rows.</summary>
    public const string Panel = "panel.csv";

    /// <summary>The dropouts' ids, one a line, as given.</summary>
    public const string Dropouts = "dropouts.csv";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "The lottery folder, after reveal.", Required = true };
        var dropouts = new Option<string>("--dropouts") { Description = "Comma-separated ids of the panel members who dropped out.", Required = true };
        var seed = new Option<string>("--seed") { Description = "A seed published after the dropouts are known.", Required = true };
        var panels = new Option<int>("--panels") { Description = "The number of slots m of the replacement lottery (default 1000).", DefaultValueFactory = _ => LotteryRounding.DefaultSlots };
        var command = new Command("replace", "Draw replacements for panel dropouts with a verifiable lottery (DIR/replacements/).") { output, dropouts, seed, panels };
        command.SetAction(parse => Execute(console, parse.GetValue(output)!, parse.GetValue(dropouts)!, parse.GetValue(seed)!, parse.GetValue(panels)));
        return command;
    }

    private static int Execute(CliConsole console, DirectoryInfo output, string dropoutText, string seed, int panels)
    {
        int Fail(int code, string message)
        {
            console.Error.Write($"budgeting replace: {LotteryFolder.OneLine(message)}\n");
            return code;
        }

        string? temporary = null;
        try
        {
            if (panels < 1 || panels > 1_000_000)
            {
                return Fail(ExitCodes.BadInput, $"--panels must be between 1 and 1000000, not {panels}");
            }

            var folder = output.FullName;
            if (!Directory.Exists(folder))
            {
                return Fail(ExitCodes.BadInput, $"{output}: no such folder");
            }

            if (RevealCommand.Open(folder, "replace", console, out var code) is not var (document, hash, pool, _, _))
            {
                return code;
            }

            var revealBytes = LotteryFolder.ReadIfExists(folder, LotteryFolder.Reveal);
            if (revealBytes is null || !File.Exists(Path.Combine(folder, LotteryFolder.Selected)))
            {
                return Fail(ExitCodes.BadInput, $"{output} has not been revealed yet (reveal.json or selected.csv is missing); run budgeting reveal first");
            }

            var reveal = RevealRecord.Parse(revealBytes);
            if (reveal.LotterySha256 != hash || reveal.Index < 0 || reveal.Index >= document.M)
            {
                return Fail(RevealCommand.Tampered, "reveal.json does not belong to this lottery.json");
            }

            var panel = LotteryFolder.Members(pool, document, reveal.Index).Order().ToList();
            var ids = LotteryFolder.SplitColumns(dropoutText);
            IReadOnlyList<int> dropouts;
            try
            {
                dropouts = LotteryDraw.Dropouts(pool, panel, ids, "people.csv", "--dropouts");
            }
            catch (ArgumentException e)
            {
                return Fail(ExitCodes.BadInput, e.Message);
            }

            ReplacementDistribution plan;
            CommittedLottery committed;
            try
            {
                (plan, committed) = LotteryDraw.CommitReplacement(pool, panel, dropouts, document.Algorithm, document.Inputs, panels);
            }
            catch (InfeasibleQuotasException e)
            {
                return Fail(ExitCodes.BadInput, "no replacement set restores the quotas (its figures are the quotas left after the members who stay): " + e.Message);
            }

            var (lottery, _, json, replacementHash, probabilities) = committed;
            var chosenIndex = PanelChoice.Index(seed, lottery.M);
            var chosen = lottery.Slots[chosenIndex];
            var newPanel = ReplacementLottery.Panel(plan, chosen);

            // Everything goes to a temporary sibling folder first, then replaces DIR/replacements in one move.
            temporary = Path.Combine(folder, $".{Folder}.{Guid.NewGuid():N}.tmp");
            Directory.CreateDirectory(temporary);
            var dropoutLines = new StringBuilder("id\n");
            foreach (var id in ids)
            {
                dropoutLines.Append(id).Append('\n');
            }

            LotteryFolder.Write(temporary, Dropouts, dropoutLines.ToString());
            LotteryFolder.Write(temporary, LotteryFolder.Probabilities, probabilities);
            LotteryFolder.Write(temporary, LotteryFolder.Lottery, json);
            LotteryFolder.Write(temporary, LotteryFolder.Hash, LotteryFile.WriteHash(json));
            LotteryFolder.Write(temporary, LotteryFolder.Reveal, new RevealRecord(seed, chosenIndex, replacementHash).ToBytes());
            LotteryFolder.Write(temporary, LotteryFolder.Selected, LotteryFolder.Rows(pool, chosen.ToHashSet(), selected: true));
            LotteryFolder.Write(temporary, Panel, LotteryFolder.Rows(pool, newPanel.ToHashSet(), selected: true));
            var target = Path.Combine(folder, Folder);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(temporary, target);
            temporary = null;

            console.Out.Write(string.Create(CultureInfo.InvariantCulture,
                $"{document.Algorithm}: {lottery.M} replacement slots of {dropouts.Count} from {plan.Candidates.Count} candidates; replacements/lottery.json SHA-256 {replacementHash}\n"));
            console.Out.Write($"seed {seed} chose slot {chosenIndex}: {string.Join(", ", chosen.Select(i => pool.People[i].Id))} replace {string.Join(", ", ids)}\n");
            return ExitCodes.Ok;
        }
        catch (SortitionInputException e)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.BadInput, e.Message);
        }
        finally
        {
            if (temporary is not null && Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }
}
