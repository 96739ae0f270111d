using System.Globalization;
using Budgeting.Elections;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// The greedy family ("utilitarian greedy"), the rule most cities use: projects are taken in order of
/// decreasing score and funded while the money lasts. Scores are recomputed from the ballots
/// (<see cref="Scores.Compute"/>). Equal scores are ordered by the <see cref="TieBreak"/>.
/// <list type="bullet">
/// <item><see cref="GreedyVariant.Skip"/> (Pabulib <c>greedy</c>): a project that does not fit the remaining money is skipped and the next one is tried.</item>
/// <item><see cref="GreedyVariant.NoSkip"/> (<c>greedy-no-skip</c>): the rule stops at the first project that does not fit.</item>
/// <item><see cref="GreedyVariant.NoSkipWithEightyPercent"/> (Poznań's <c>greedy-custom</c>): stop at the first project that does not fit,
/// but fund that project too when the remaining money covers at least 80% of its cost.</item>
/// </list>
/// In every variant a project whose score is below the election's <c>min_project_score_threshold</c>
/// (<see cref="Election.ScoreThreshold"/>) is never funded and does not stop the rule.
/// Sources: Faliszewski et al., "Participatory Budgeting: Data, Tools, and Analysis", IJCAI 2023 (Pabulib's rule names);
/// Poznań's regulations for the 80% clause.
/// </summary>
/// <remarks>
/// A group of two or more projects with equal score is a <em>tie</em>. The tie is <em>outcome-changing</em> when some other order of
/// the group's members (everything else unchanged) funds a different set of projects. Because what happens after the group depends only
/// on which of its members were funded, this is decided exactly from the money <c>R</c> left when the group is reached and the members'
/// costs; see <c>docs/rules.md</c>.
/// </remarks>
/// <param name="variant">Which member of the family.</param>
/// <param name="tieBreak">The order that decides between projects of equal score.</param>
public sealed class Greedy(GreedyVariant variant, TieBreak tieBreak) : ITallyRule
{
    /// <summary>The variant this rule runs.</summary>
    public GreedyVariant Variant { get; } = variant;

    /// <summary>The tie-breaking order.</summary>
    public TieBreak TieBreak { get; } = tieBreak ?? throw new ArgumentNullException(nameof(tieBreak));

    /// <inheritdoc/>
    public string Name => Variant switch
    {
        GreedyVariant.Skip => "greedy",
        GreedyVariant.NoSkip => "greedy-no-skip",
        _ => "greedy-custom (80% clause)",
    };

    /// <inheritdoc/>
    public Outcome Tally(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        var scores = Scores.Compute(election, profile);
        return Tally(election, scores, Scores.Supporters(profile));
    }

    /// <summary>Runs the rule on scores computed elsewhere (for example by a caller that already has them).</summary>
    /// <param name="election">The election.</param>
    /// <param name="scores">Each project's score.</param>
    /// <param name="supporters">Each project's number of supporters, for the <c>max-votes</c> tie-break.</param>
    public Outcome Tally(Election election, IReadOnlyList<long> scores, IReadOnlyList<long> supporters)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(supporters);
        var projects = election.Projects;
        var n = projects.Count;
        var rank = TieBreak.Rank(election, supporters);
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var c = scores[b].CompareTo(scores[a]);
            return c != 0 ? c : rank[a].CompareTo(rank[b]);
        });

        var threshold = election.ScoreThreshold;
        var remaining = election.Budget;
        var stopped = false;
        string? stopper = null;
        var selected = new List<int>();
        var ties = new List<Tie>();
        var explanations = new Explanation?[n];
        long total = 0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && scores[order[end]] == scores[order[start]])
            {
                end++;
            }

            var enteringRemaining = remaining;
            var enteringStopped = stopped;
            for (var pos = start; pos < end; pos++)
            {
                var p = order[pos];
                var cost = projects[p].Cost;
                var score = scores[p];
                var position = pos + 1;
                string reason;
                var funded = false;
                if (threshold is { } t && score < t)
                {
                    reason = Format($"score {score} is below the threshold {t}");
                }
                else if (stopped)
                {
                    reason = Format($"not considered: the rule had stopped at project {stopper}, the first that did not fit");
                }
                else if (cost <= remaining)
                {
                    funded = true;
                    reason = Format($"funded at position {position} with score {score}: cost {cost} fits in the remaining {remaining}");
                }
                else if (Variant == GreedyVariant.Skip)
                {
                    reason = Format($"skipped: cost {cost} exceeds the remaining {remaining}");
                }
                else if (Variant == GreedyVariant.NoSkipWithEightyPercent && CoversEightyPercent(remaining, cost))
                {
                    funded = true;
                    stopped = true;
                    stopper = projects[p].Id;
                    reason = Format($"funded by the 80% clause at position {position} with score {score}: cost {cost} exceeds the remaining {remaining}, which covers at least 80% of it; the rule stops here");
                }
                else
                {
                    stopped = true;
                    stopper = projects[p].Id;
                    reason = Variant == GreedyVariant.NoSkip
                        ? Format($"not funded: cost {cost} exceeds the remaining {remaining}; the rule stops at the first project that does not fit")
                        : Format($"not funded: cost {cost} exceeds the remaining {remaining}, which covers less than 80% of it; the rule stops here");
                }

                if (funded)
                {
                    selected.Add(p);
                    remaining -= cost;
                    total += cost;
                }

                explanations[p] = new Explanation(projects[p].Id, funded, position, reason, score);
            }

            if (end - start > 1 && !enteringStopped && (threshold is not { } th || scores[order[start]] >= th))
            {
                RecordTie(election, order.AsSpan(start, end - start), enteringRemaining, explanations, scores[order[start]], start + 1, ties);
            }

            start = end;
        }

        return new Outcome(Name, selected, total, election.Budget, TieBreak, ties, explanations.Select(e => e!).ToArray());
    }

    /// <summary>Whether <paramref name="remaining"/> covers at least 80% of <paramref name="cost"/> (exactly: 5·remaining ≥ 4·cost).</summary>
    internal static bool CoversEightyPercent(long remaining, long cost) => (Int128)remaining * 5 >= (Int128)cost * 4;

    private void RecordTie(Election election, ReadOnlySpan<int> group, long entering, Explanation?[] explanations, long score, int firstPosition, List<Tie> ties)
    {
        var projects = election.Projects;
        var funded = new List<string>();
        var ids = new List<string>();
        long sum = 0;
        long minCost = long.MaxValue;
        var anyFits = false;
        var anyEighty = false;
        var unfundedFits = false;
        foreach (var p in group)
        {
            var cost = projects[p].Cost;
            ids.Add(projects[p].Id);
            sum += cost;
            minCost = Math.Min(minCost, cost);
            anyFits |= cost <= entering;
            anyEighty |= CoversEightyPercent(entering, cost);
            if (explanations[p]!.Funded)
            {
                funded.Add(projects[p].Id);
            }
            else
            {
                unfundedFits |= cost <= entering;
            }
        }

        var all = funded.Count == group.Length;
        var none = funded.Count == 0;
        if (all && sum <= entering)
        {
            return; // every order funds every member: nothing was decided
        }

        var changing = Variant switch
        {
            // Skip: a member left out although it alone fits R would be funded if it came first; members that do not fit R are never funded.
            GreedyVariant.Skip => unfundedFits,

            // No-skip: if some but not all members were funded, putting an unfunded one first changes the set; if none was, a member
            // that fits R put first would be funded.
            GreedyVariant.NoSkip => !all && (!none || anyFits),

            // 80% clause: as no-skip with "fits" read as "fits or covers 80%". When all were funded with the last one by the clause,
            // every order does the same only if the overshoot is at most a fifth of the cheapest member's cost.
            _ => all ? (Int128)(sum - entering) * 5 > minCost : (!none || anyEighty),
        };

        var tie = new Tie(
            Format($"score {score} at positions {firstPosition}-{firstPosition + group.Length - 1} of the greedy order, with {entering} remaining"),
            ids,
            funded,
            changing);
        ties.Add(tie);
        if (changing && TieBreak.Strict)
        {
            throw new TieException(tie);
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
