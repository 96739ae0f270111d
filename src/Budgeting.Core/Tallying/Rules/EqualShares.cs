using System.Globalization;
using Budgeting.Arithmetic;
using Budgeting.Elections;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// The Method of Equal Shares (Peters, Pierczyński and Skowron, "Proportional participatory budgeting
/// with additive utilities", NeurIPS 2021; equalshares.net), in exact arithmetic, for approval,
/// choose-1, cumulative and scoring ballots, with cost or cardinality utilities, the add1 and add1u
/// completions and the comparison step of the equalshares.net compute tool. See <c>docs/rules.md</c>.
/// </summary>
/// <param name="options">Utility, completion and its options, comparison step.</param>
/// <param name="tieBreak">The order that breaks ties between equally good projects.</param>
public sealed class EqualShares(EqualSharesOptions options, TieBreak tieBreak) : ITallyRule
{
    private readonly EqualSharesOptions options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TieBreak tieBreak = tieBreak ?? throw new ArgumentNullException(nameof(tieBreak));

    /// <inheritdoc/>
    public string Name
    {
        get
        {
            var name = "equal-shares utility=" + (options.Utility == Utility.Cost ? "cost" : "cardinality")
                + " completion=" + options.Completion switch
                {
                    Completion.Add1 => "add1",
                    Completion.Add1Utilitarian => "add1u",
                    _ => "none",
                };
            if (options.Completion != Completion.None && options.Integral)
            {
                name += " integral";
            }

            if (options.Completion != Completion.None && options.Exhaustive)
            {
                name += " exhaustive";
            }

            if (options.Comparison)
            {
                name += " comparison";
            }

            return name;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The ballots are ordinal.</exception>
    public Outcome Tally(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        if (election.BallotKind == BallotKind.Ordinal)
        {
            throw new ArgumentException("The Method of Equal Shares needs approval, choose-1, cumulative or scoring ballots, not ordinal ones.", nameof(election));
        }

        var withPoints = election.BallotKind is BallotKind.Cumulative or BallotKind.Scoring;
        var votes = Scores.Supporters(profile);
        var rank = tieBreak.Rank(election, votes);
        var engine = new EqualSharesEngine(election, profile, withPoints, options.Utility, rank);
        var budget = election.Budget;
        var voters = profile.VoterCount;
        var projectCount = election.Projects.Count;
        var ties = new List<Tie>();

        var perVoter = FinalPerVoterBudget(engine, election, voters, ties);
        var run = engine.Run(perVoter, recordTies: true, explain: true);
        var mesSet = new HashSet<int>(run.Selected);
        foreach (var tie in run.Ties)
        {
            var changing = tie.SupportersOverlap && tie.Tied.Any(alternative =>
                alternative != tie.Chosen
                && !mesSet.SetEquals(engine.Run(perVoter, recordTies: false, explain: false, tie.Round, alternative).Selected));
            var record = new Tie(
                $"round {tie.Round}",
                [.. tie.Tied.Select(p => election.Projects[p].Id)],
                [election.Projects[tie.Chosen].Id],
                changing);
            if (changing && tieBreak.Strict)
            {
                throw new TieException(record);
            }

            ties.Add(record);
        }

        var explanations = new Explanation?[projectCount];
        var selected = new List<int>(run.Selected);
        long spent = 0;
        for (var i = 0; i < run.Selected.Count; i++)
        {
            var p = run.Selected[i];
            var cost = election.Projects[p].Cost;
            spent += cost;
            var payment = run.Payments[i];
            var effective = cost / payment;
            explanations[p] = new Explanation(
                election.Projects[p].Id,
                Funded: true,
                Round: i + 1,
                Reason: string.Create(CultureInfo.InvariantCulture, $"funded in round {i + 1} with effective vote count {Show(effective)}; each supporter who could afford it paid {Show(payment)}{(withPoints ? " per point" : string.Empty)}"),
                EffectiveVotes: effective,
                PaymentPerSupporter: payment);
        }

        var rounds = run.Selected.Count;
        var scores = options.Completion == Completion.Add1Utilitarian || options.Comparison ? Scores.Compute(election, profile) : [];
        if (options.Completion == Completion.Add1Utilitarian)
        {
            var added = GreedyFill(election, scores, rank, selected, ref spent, "utilitarian completion", ties);
            for (var i = 0; i < added.Count; i++)
            {
                var p = added[i];
                explanations[p] = new Explanation(
                    election.Projects[p].Id,
                    Funded: true,
                    Round: rounds + i + 1,
                    Reason: string.Create(CultureInfo.InvariantCulture, $"funded by the utilitarian completion (score {scores[p]}), which fills the money Equal Shares left by score"),
                    Score: scores[p]);
            }
        }

        if (options.Comparison)
        {
            var greedyTies = new List<Tie>();
            long greedySpent = 0;
            var greedy = new List<int>();
            GreedyFill(election, scores, rank, greedy, ref greedySpent, "comparison greedy", greedyTies);
            var (prefersMes, prefersGreedy) = Compare(profile, selected, greedy, projectCount);
            var note = string.Create(CultureInfo.InvariantCulture, $"comparison step: {prefersGreedy} voters prefer the greedy outcome, {prefersMes} prefer Equal Shares");
            if (prefersGreedy > prefersMes)
            {
                ties.AddRange(greedyTies);
                selected = greedy;
                spent = greedySpent;
                Array.Clear(explanations);
                for (var i = 0; i < greedy.Count; i++)
                {
                    var p = greedy[i];
                    explanations[p] = new Explanation(
                        election.Projects[p].Id,
                        Funded: true,
                        Round: i + 1,
                        Reason: string.Create(CultureInfo.InvariantCulture, $"funded by greedy at position {i + 1} (score {scores[p]}); {note}, so the greedy outcome is adopted"),
                        Score: scores[p]);
                }
            }
            else
            {
                foreach (var p in selected)
                {
                    explanations[p] = explanations[p]! with { Reason = explanations[p]!.Reason + "; " + note + ", so Equal Shares stands" };
                }
            }
        }

        for (var p = 0; p < projectCount; p++)
        {
            if (explanations[p] is not null)
            {
                continue;
            }

            var id = election.Projects[p].Id;
            var cost = election.Projects[p].Cost;
            var reason = !engine.HasSupporters(p)
                ? "no voter supports it"
                : string.Create(CultureInfo.InvariantCulture, $"not funded: when Equal Shares stopped, its supporters had {run.MoneyBehind![p]} left, less than its cost {cost}");
            if (options.Completion == Completion.Add1Utilitarian && engine.HasSupporters(p))
            {
                reason += string.Create(CultureInfo.InvariantCulture, $"; the utilitarian completion could not fit it in the {budget - spent} left");
            }

            explanations[p] = new Explanation(id, Funded: false, Round: rounds + 1, Reason: reason);
        }

        return new Outcome(Name, selected, spent, budget, tieBreak, ties, [.. explanations.Select(x => x!)]);
    }

    /// <summary>
    /// The per-voter budget of the run whose outcome the rule reports: budget / voters without
    /// completion (or when every project fits in the budget), otherwise the end of the add1 loop.
    /// </summary>
    private Rational FinalPerVoterBudget(EqualSharesEngine engine, Election election, long voters, List<Tie> ties)
    {
        var budget = election.Budget;
        var projectCount = election.Projects.Count;
        if (voters == 0)
        {
            return Rational.Zero;
        }

        var plain = new Rational(budget, voters);
        long totalCost = 0;
        for (var p = 0; p < projectCount; p++)
        {
            totalCost += engine.Costs[p];
        }

        if (options.Completion == Completion.None || totalCost <= budget)
        {
            return plain;
        }

        var perVoter = options.Integral ? (Rational)(budget / voters) : plain;
        var first = perVoter;
        var current = engine.Run(perVoter, recordTies: true, explain: false);
        var currentCost = current.TotalCost(engine.Costs);
        var supported = Enumerable.Range(0, projectCount).Count(engine.HasSupporters);
        while (true)
        {
            var exhaustive = options.Exhaustive && IsExhaustive(engine, current.Selected, currentCost, budget);
            if (exhaustive)
            {
                // The run that stops the loop: a tie there changes the outcome if it changes the funded set,
                // which the caller checks on the final run.
                break;
            }

            // Every supported project is funded: more money cannot change the set (the reference loops forever here).
            if (current.Selected.Count == supported)
            {
                break;
            }

            var next = perVoter + 1;
            var nextRun = engine.Run(next, recordTies: true, explain: false);
            var nextCost = nextRun.TotalCost(engine.Costs);
            if (nextCost > budget)
            {
                // Rejected: its ties matter if breaking them otherwise would have kept the run within the budget.
                CheckLoopTies(engine, election, next, nextRun, branch => branch.TotalCost(engine.Costs) <= budget, ties);
                break;
            }

            // Accepted: the loop moves past the previous run, whose ties matter if breaking them otherwise
            // would have stopped the loop there (overspending, or an exhaustive outcome with the exhaustive stop).
            var isStart = perVoter == first;
            CheckLoopTies(
                engine,
                election,
                perVoter,
                current,
                branch => (!isStart && branch.TotalCost(engine.Costs) > budget)
                    || (options.Exhaustive && IsExhaustive(engine, branch.Selected, branch.TotalCost(engine.Costs), budget)),
                ties);

            perVoter = next;
            current = nextRun;
            currentCost = nextCost;
        }

        return perVoter;
    }

    /// <summary>
    /// Reports the ties of a run the add1 loop did not keep as outcome-changing when breaking one of
    /// them another way would have changed the loop's decision at that run (<paramref name="decisionFlips"/>).
    /// </summary>
    private void CheckLoopTies(EqualSharesEngine engine, Election election, Rational perVoter, EqualSharesRun run, Func<EqualSharesRun, bool> decisionFlips, List<Tie> ties)
    {
        foreach (var tie in run.Ties)
        {
            if (!tie.SupportersOverlap)
            {
                continue;
            }

            var flips = tie.Tied.Any(alternative => alternative != tie.Chosen
                && decisionFlips(engine.Run(perVoter, recordTies: false, explain: false, tie.Round, alternative)));
            if (!flips)
            {
                continue;
            }

            var record = new Tie(
                $"add1 completion, per-voter budget {Show(perVoter)}, round {tie.Round}",
                [.. tie.Tied.Select(p => election.Projects[p].Id)],
                [election.Projects[tie.Chosen].Id],
                OutcomeChanging: true);
            if (tieBreak.Strict)
            {
                throw new TieException(record);
            }

            ties.Add(record);
        }
    }

    private static bool IsExhaustive(EqualSharesEngine engine, IReadOnlyList<int> selected, long spent, long budget)
    {
        var funded = new HashSet<int>(selected);
        for (var p = 0; p < engine.Costs.Count; p++)
        {
            if (!funded.Contains(p) && spent + engine.Costs[p] <= budget)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Adds projects by decreasing score (ties by the tie-break order), skipping those that do not fit,
    /// as the reference's utilitarian completion does. Records the ties among equal scores that matter.
    /// </summary>
    private List<int> GreedyFill(Election election, long[] scores, int[] rank, List<int> selected, ref long spent, string step, List<Tie> ties)
    {
        var budget = election.Budget;
        var funded = new HashSet<int>(selected);
        var order = Enumerable.Range(0, election.Projects.Count)
            .Where(p => !funded.Contains(p))
            .OrderByDescending(p => scores[p])
            .ThenBy(p => rank[p])
            .ToList();
        var added = new List<int>();
        var i = 0;
        while (i < order.Count)
        {
            var j = i;
            while (j < order.Count && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            if (j - i > 1)
            {
                // Equal scores: the order among them matters only if those that fit alone do not all fit together.
                var left = budget - spent;
                var fitting = order.GetRange(i, j - i).Where(p => election.Projects[p].Cost <= left).ToList();
                if (fitting.Count > 1)
                {
                    var together = fitting.Sum(p => election.Projects[p].Cost);
                    var changing = together > left;
                    var chosen = new List<int>();
                    var running = spent;
                    foreach (var p in fitting)
                    {
                        if (running + election.Projects[p].Cost <= budget)
                        {
                            chosen.Add(p);
                            running += election.Projects[p].Cost;
                        }
                    }

                    var tie = new Tie(
                        $"{step}, score {scores[order[i]]}",
                        [.. fitting.Select(p => election.Projects[p].Id)],
                        [.. chosen.Select(p => election.Projects[p].Id)],
                        changing);
                    if (changing && tieBreak.Strict)
                    {
                        throw new TieException(tie);
                    }

                    ties.Add(tie);
                }
            }

            for (var k = i; k < j; k++)
            {
                var p = order[k];
                if (scores[p] > 0 && spent + election.Projects[p].Cost <= budget)
                {
                    selected.Add(p);
                    added.Add(p);
                    spent += election.Projects[p].Cost;
                }
            }

            i = j;
        }

        return added;
    }

    /// <summary>How many voters prefer each outcome: a voter prefers the one funding more of the projects on their ballot.</summary>
    private static (long PrefersMes, long PrefersGreedy) Compare(Profile profile, List<int> mes, List<int> greedy, int projectCount)
    {
        var inMes = new bool[projectCount];
        var inGreedy = new bool[projectCount];
        mes.ForEach(p => inMes[p] = true);
        greedy.ForEach(p => inGreedy[p] = true);
        long prefersMes = 0;
        long prefersGreedy = 0;
        for (var b = 0; b < profile.BallotCount; b++)
        {
            var a = 0;
            var g = 0;
            foreach (var p in profile.Projects(b))
            {
                a += inMes[p] ? 1 : 0;
                g += inGreedy[p] ? 1 : 0;
            }

            if (a > g)
            {
                prefersMes += profile.Multiplicity(b);
            }
            else if (g > a)
            {
                prefersGreedy += profile.Multiplicity(b);
            }
        }

        return (prefersMes, prefersGreedy);
    }

    private static string Show(Rational value) => EqualSharesText.Show(value);
}
