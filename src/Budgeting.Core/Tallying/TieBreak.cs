using System.Globalization;
using Budgeting.Elections;
using Budgeting.Randomness;

namespace Budgeting.Tallying;

/// <summary>
/// An explicit order for breaking ties between projects, such as "min-cost, then max-votes".
/// Whatever the criteria, the project id is always the last resort, so the order is total and
/// every rule is deterministic. In <see cref="Strict"/> mode a rule fails on a tie that changes the outcome.
/// </summary>
/// <param name="Criteria">The criteria, most important first.</param>
/// <param name="Seed">The published seed for <see cref="TieBreakCriterion.Lottery"/>.</param>
/// <param name="Strict">Fail on any outcome-changing tie instead of breaking it.</param>
public sealed record TieBreak(IReadOnlyList<TieBreakCriterion> Criteria, string? Seed = null, bool Strict = false)
{
    /// <summary>The default order: min-cost, then max-votes, then id.</summary>
    public static TieBreak Default { get; } = new([TieBreakCriterion.MinCost, TieBreakCriterion.MaxVotes, TieBreakCriterion.ProjectId]);

    /// <summary>Parses a comma-separated list such as <c>min-cost,max-votes,id</c> or <c>lottery</c>.</summary>
    /// <exception cref="FormatException">A criterion is unknown, or <c>lottery</c> is named without a seed.</exception>
    public static TieBreak Parse(string text, string? seed = null, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var criteria = new List<TieBreakCriterion>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            criteria.Add(part.ToLowerInvariant() switch
            {
                "min-cost" => TieBreakCriterion.MinCost,
                "max-votes" => TieBreakCriterion.MaxVotes,
                "id" => TieBreakCriterion.ProjectId,
                "lottery" => TieBreakCriterion.Lottery,
                _ => throw new FormatException($"Unknown tie-break criterion '{part}'; expected min-cost, max-votes, id or lottery."),
            });
        }

        if (criteria.Contains(TieBreakCriterion.Lottery) && string.IsNullOrEmpty(seed))
        {
            throw new FormatException("The tie-break 'lottery' needs a published seed.");
        }

        return new TieBreak(criteria, seed, strict);
    }

    /// <summary>The order as text, as the CLI takes it, for example <c>min-cost,max-votes,id</c>.</summary>
    public override string ToString() => string.Join(',', Criteria.Select(c => c switch
    {
        TieBreakCriterion.MinCost => "min-cost",
        TieBreakCriterion.MaxVotes => "max-votes",
        TieBreakCriterion.ProjectId => "id",
        _ => "lottery",
    })) + (Seed is null ? string.Empty : $" (seed \"{Seed}\")") + (Strict ? " strict" : string.Empty);

    /// <summary>
    /// Ranks every project of the election under this order: rank 0 wins every tie it is in.
    /// </summary>
    /// <param name="election">The election whose projects are ranked.</param>
    /// <param name="votes">Each project's number of votes, for <see cref="TieBreakCriterion.MaxVotes"/>.</param>
    public int[] Rank(Election election, IReadOnlyList<long> votes)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(votes);
        var n = election.Projects.Count;
        int[]? lottery = null;
        if (Criteria.Contains(TieBreakCriterion.Lottery))
        {
            var shuffled = Enumerable.Range(0, n).ToArray();
            new SeededStream(Seed ?? string.Empty).Shuffle<int>(shuffled);
            lottery = new int[n];
            for (var i = 0; i < n; i++)
            {
                lottery[shuffled[i]] = i;
            }
        }

        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            foreach (var criterion in Criteria)
            {
                var c = criterion switch
                {
                    TieBreakCriterion.MinCost => election.Projects[a].Cost.CompareTo(election.Projects[b].Cost),
                    TieBreakCriterion.MaxVotes => votes[b].CompareTo(votes[a]),
                    TieBreakCriterion.ProjectId => CompareIds(election.Projects[a].Id, election.Projects[b].Id),
                    _ => lottery![a].CompareTo(lottery[b]),
                };
                if (c != 0)
                {
                    return c;
                }
            }

            var byId = CompareIds(election.Projects[a].Id, election.Projects[b].Id);
            return byId != 0 ? byId : a.CompareTo(b);
        });
        var rank = new int[n];
        for (var i = 0; i < n; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }

    /// <summary>Compares project ids: by numeric value when both are integers, otherwise by ordinal text.</summary>
    public static int CompareIds(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var x)
            && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
        {
            var c = x.CompareTo(y);
            if (c != 0)
            {
                return c;
            }
        }

        return string.CompareOrdinal(a, b);
    }
}
