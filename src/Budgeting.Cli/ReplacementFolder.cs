using System.Globalization;
using System.Text.RegularExpressions;
using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>
/// The replacement rounds of a lottery folder: <c>DIR/replacements/round-1/</c>, <c>round-2/</c>, … Each round holds
/// <c>dropouts.csv</c>, <c>lottery.json</c>, <c>lottery.sha256</c> and <c>probabilities.csv</c> once committed, and
/// <c>reveal.json</c>, <c>selected.csv</c> (the replacements) and <c>panel.csv</c> (the panel after the round) once revealed.
/// </summary>
internal static partial class ReplacementFolder
{
    /// <summary>The subfolder of the lottery folder that holds the rounds.</summary>
    public const string Folder = "replacements";

    /// <summary>A round's dropouts (<see cref="DropoutsFile"/>).</summary>
    public const string Dropouts = "dropouts.csv";

    /// <summary>The panel after a round: the members who stay and the replacements, full rows.</summary>
    public const string Panel = "panel.csv";

    /// <summary>The folder name of round <paramref name="number"/>.</summary>
    public static string RoundName(int number) => "round-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The path of round <paramref name="number"/>'s folder.</summary>
    public static string RoundPath(string folder, int number) => Path.Combine(folder, Folder, RoundName(number));

    /// <summary>The round numbers found (ascending) and the other entries of <c>replacements/</c> (by name).</summary>
    public static (List<int> Rounds, List<string> Strays) List(string folder)
    {
        var rounds = new List<int>();
        var strays = new List<string>();
        var root = Path.Combine(folder, Folder);
        if (!Directory.Exists(root))
        {
            return (rounds, strays);
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            var match = RoundPattern().Match(entry);
            if (match.Success && Directory.Exists(Path.Combine(root, entry)) && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                rounds.Add(n);
            }
            else if (!entry.StartsWith('.'))
            {
                strays.Add(entry);
            }
        }

        rounds.Sort();
        return (rounds, strays);
    }

    /// <summary>Each id's pool index (the first person with it).</summary>
    public static Dictionary<string, int> IndexById(Pool pool)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            index.TryAdd(pool.People[i].Id, i);
        }

        return index;
    }

    /// <summary>The panel after a round: <paramref name="before"/> without the dropouts, with the replacements, ascending.</summary>
    public static List<int> After(IEnumerable<int> before, IEnumerable<int> dropouts, IEnumerable<int> replacements)
    {
        var dropped = dropouts.ToHashSet();
        return [.. before.Where(p => !dropped.Contains(p)).Concat(replacements).Distinct().Order()];
    }

    /// <summary>What the earlier rounds left: the current panel, the people barred from being drawn, and a pending round.</summary>
    /// <param name="Panel">The panel now (ascending pool indices).</param>
    /// <param name="Excluded">The dropouts of all revealed rounds.</param>
    /// <param name="Next">The number the next round gets.</param>
    /// <param name="Pending">The last round, when it is committed but not revealed.</param>
    public sealed record Chain(List<int> Panel, HashSet<int> Excluded, int Next, PendingRound? Pending);

    /// <summary>A committed round that awaits its seed.</summary>
    public sealed record PendingRound(int Number, string Path, LotteryDocument Document, string Hash, List<int> PanelBefore);

    /// <summary>
    /// Replays the rounds of <paramref name="folder"/> from the revealed <paramref name="panel"/>: each round's lottery must
    /// match its hash and its reveal must belong to it. Returns null with <paramref name="problem"/> set when a file was
    /// changed (exit 1) or the rounds are out of order.
    /// </summary>
    public static Chain? Replay(string folder, Pool pool, IReadOnlyList<int> panel, out string? problem)
    {
        problem = null;
        var (rounds, _) = List(folder);
        var current = panel.Order().ToList();
        var excluded = new HashSet<int>();
        var index = IndexById(pool);
        PendingRound? pending = null;
        for (var r = 1; r <= rounds.Count; r++)
        {
            var name = $"{Folder}/{RoundName(r)}";
            if (rounds[r - 1] != r)
            {
                problem = $"{name} is missing but {Folder}/{RoundName(rounds[r - 1])} exists";
                return null;
            }

            if (pending is not null)
            {
                problem = $"{Folder}/{RoundName(pending.Number)} was never revealed, yet {name} follows it";
                return null;
            }

            var path = RoundPath(folder, r);
            var json = LotteryFolder.ReadIfExists(path, LotteryFolder.Lottery);
            var hashText = LotteryFolder.ReadIfExists(path, LotteryFolder.Hash);
            if (json is null || hashText is null)
            {
                problem = $"{name}: lottery.json or lottery.sha256 is missing";
                return null;
            }

            var hash = LotteryFile.Sha256(json);
            if (LotteryFile.ReadHash(System.Text.Encoding.UTF8.GetString(hashText)) != hash)
            {
                problem = $"{name}/lottery.json does not match {name}/lottery.sha256";
                return null;
            }

            LotteryDocument document;
            try
            {
                document = LotteryFile.Parse(json);
            }
            catch (FormatException e)
            {
                problem = $"{name}/{e.Message}";
                return null;
            }

            if (document.Replacement is not { } round || round.Number != r || round.Dropouts.Any(d => !index.ContainsKey(d)) || document.M == 0)
            {
                problem = $"{name}/lottery.json is not the replacement lottery of round {r}";
                return null;
            }

            var revealBytes = LotteryFolder.ReadIfExists(path, LotteryFolder.Reveal);
            if (revealBytes is null)
            {
                pending = new PendingRound(r, path, document, hash, current);
                continue;
            }

            RevealRecord reveal;
            try
            {
                reveal = RevealRecord.Parse(revealBytes);
            }
            catch (FormatException e)
            {
                problem = $"{name}/{e.Message}";
                return null;
            }

            if (reveal.LotterySha256 != hash || reveal.Index < 0 || reveal.Index >= document.M)
            {
                problem = $"{name}/reveal.json does not belong to {name}/lottery.json";
                return null;
            }

            var dropouts = round.Dropouts.Select(d => index[d]).ToList();
            var chosen = document.Panels[reveal.Index].Members.Select(id => index.GetValueOrDefault(id, -1)).ToList();
            if (chosen.Contains(-1))
            {
                problem = $"{name}/lottery.json names someone who is not in people.csv";
                return null;
            }

            current = After(current, dropouts, chosen);
            excluded.UnionWith(dropouts);
        }

        return new Chain(current, excluded, rounds.Count + 1, pending);
    }

    [GeneratedRegex("^round-([1-9][0-9]{0,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex RoundPattern();
}
