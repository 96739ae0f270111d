using System.Globalization;
using Budgeting.Elections;
using Google.OrTools.Sat;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// Maximum utilitarian welfare: a set of projects costing at most the budget whose total score
/// (<see cref="Scores.Compute"/>: approvals, points, ordinal points) is as large as possible — a 0/1 knapsack,
/// solved exactly. This is the "utilitarian welfare maximisation" rule of Talmon and Faliszewski,
/// "A framework for approval-based budgeting methods" (AAAI 2019), pabutools' <c>max_additive_utilitarian_welfare</c>.
/// </summary>
/// <remarks>
/// <para>The knapsack is solved with OR-Tools CP-SAT on integer costs and scores, with one worker and a fixed
/// seed; every answer is accepted only with a proof (status optimal or infeasible), so the result never depends
/// on the solver's search path. A dynamic programme would need memory proportional to the budget (often
/// millions of currency units) or to the total score (millions of votes) times the projects; CP-SAT proves
/// optimality on a few hundred projects in well under a second.</para>
/// <para>Projects with score 0 and projects dearer than the budget are never funded. Among all optimal sets the
/// rule takes the one preferred lexicographically by the tie-break order: the highest-ranked project that is in
/// some optimal set is funded, then, keeping that, the next, and so on. If more than one set is optimal this is
/// reported as an outcome-changing tie, and strict mode refuses it.</para>
/// </remarks>
/// <param name="tieBreak">Chooses among equally good sets.</param>
/// <param name="timeLimit">The most one solver call may take (default 60 s); if it cannot prove its answer in
/// time the rule fails rather than return a set that might not be optimal.</param>
public sealed class MaxWelfare(TieBreak tieBreak, TimeSpan? timeLimit = null) : ITallyRule
{
    private readonly TimeSpan limit = timeLimit ?? TimeSpan.FromSeconds(60);

    /// <inheritdoc/>
    public string Name => "max-welfare";

    /// <inheritdoc/>
    /// <exception cref="TimeoutException">The solver could not prove optimality within the time limit.</exception>
    public Outcome Tally(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        var m = election.Projects.Count;
        var score = Scores.Compute(election, profile);
        var rank = tieBreak.Rank(election, Scores.Supporters(profile));
        var candidates = Enumerable.Range(0, m)
            .Where(p => score[p] > 0 && election.Projects[p].Cost <= election.Budget)
            .OrderBy(p => rank[p])
            .ToArray();
        var cost = election.Projects.Select(p => p.Cost).ToArray();

        var solution = new bool[m];
        long optimum = 0;
        var ties = new List<Tie>();
        if (candidates.Length > 0)
        {
            solution = Solve(candidates, cost, score, election.Budget, null, [], null, maximize: true)
                ?? throw new InvalidOperationException("The empty set is always feasible; the solver reported otherwise.");
            optimum = candidates.Where(p => solution[p]).Sum(p => score[p]);

            var alternative = Solve(candidates, cost, score, election.Budget, optimum, [], solution, maximize: false);
            if (alternative is not null)
            {
                var differing = new HashSet<int>(candidates.Where(p => solution[p] != alternative[p]));
                if (tieBreak.Strict)
                {
                    var ordered = differing.OrderBy(p => rank[p]).ToArray();
                    throw new TieException(new Tie(
                        Invariant($"choice among sets of maximal total score {optimum}"),
                        ordered.Select(p => election.Projects[p].Id).ToArray(),
                        ordered.Where(p => solution[p]).Select(p => election.Projects[p].Id).ToArray(),
                        true));
                }

                solution = PreferByTieBreak(candidates, cost, score, election.Budget, optimum, solution, differing);
                var known = differing.OrderBy(p => rank[p]).ToArray();
                ties.Add(new Tie(
                    Invariant($"choice among sets of maximal total score {optimum}"),
                    known.Select(p => election.Projects[p].Id).ToArray(),
                    known.Where(p => solution[p]).Select(p => election.Projects[p].Id).ToArray(),
                    true));
            }
        }

        var selected = Enumerable.Range(0, m).Where(p => solution[p])
            .OrderByDescending(p => score[p]).ThenBy(p => rank[p]).ToList();
        var total = selected.Sum(p => cost[p]);
        var explanations = new Explanation[m];
        for (var i = 0; i < selected.Count; i++)
        {
            var p = selected[i];
            explanations[p] = new Explanation(election.Projects[p].Id, true, i + 1,
                Invariant($"in the set of greatest total score: {optimum}, costing {total} of {election.Budget}"), score[p]);
        }

        for (var p = 0; p < m; p++)
        {
            if (solution[p])
            {
                continue;
            }

            var reason = score[p] <= 0
                ? "not funded: its score is 0"
                : cost[p] > election.Budget
                    ? Invariant($"not funded: it costs {cost[p]}, more than the whole budget of {election.Budget}")
                    : Invariant($"not in the set of greatest total score ({optimum})");
            explanations[p] = new Explanation(election.Projects[p].Id, false, selected.Count + 1, reason, score[p]);
        }

        return new Outcome(Name, selected, total, election.Budget, tieBreak, ties, explanations);
    }

    /// <summary>
    /// Among the sets of total score <paramref name="optimum"/>, the one the tie-break order prefers: walk the
    /// candidates from highest rank down and keep each one in if some optimal set agrees with the choices so far.
    /// </summary>
    private bool[] PreferByTieBreak(int[] candidates, long[] cost, long[] score, long budget, long optimum, bool[] solution, HashSet<int> differing)
    {
        var fixes = new Dictionary<int, bool>();
        foreach (var p in candidates)
        {
            if (solution[p])
            {
                fixes[p] = true;
                continue;
            }

            fixes[p] = true;
            var better = Solve(candidates, cost, score, budget, optimum, fixes, null, maximize: false, hint: solution);
            if (better is null)
            {
                fixes[p] = false;
                continue;
            }

            foreach (var q in candidates)
            {
                if (better[q] != solution[q])
                {
                    differing.Add(q);
                }
            }

            solution = better;
        }

        return solution;
    }

    /// <summary>
    /// One CP-SAT call: maximise the total score, or find any set of total score <paramref name="optimum"/>,
    /// under the budget, the fixed choices and, if given, differing from <paramref name="differFrom"/>.
    /// Returns null when proven infeasible.
    /// </summary>
    private bool[]? Solve(int[] candidates, long[] cost, long[] score, long budget, long? optimum, Dictionary<int, bool> fixes, bool[]? differFrom, bool maximize, bool[]? hint = null)
    {
        var model = new CpModel();
        var x = candidates.Select(p => model.NewBoolVar(p.ToString(CultureInfo.InvariantCulture))).ToArray();
        model.Add(LinearExpr.WeightedSum(x, candidates.Select(p => cost[p])) <= budget);
        var welfare = LinearExpr.WeightedSum(x, candidates.Select(p => score[p]));
        if (optimum is { } value)
        {
            model.Add(welfare == value);
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            if (fixes.TryGetValue(candidates[i], out var fixedValue))
            {
                model.Add(x[i] == (fixedValue ? 1 : 0));
            }

            if (hint is not null)
            {
                model.AddHint(x[i], hint[candidates[i]]);
            }
        }

        if (differFrom is not null)
        {
            // Σ_{p outside} x_p + Σ_{p inside} (1 − x_p) ≥ 1.
            var inside = candidates.Count(p => differFrom[p]);
            model.Add(LinearExpr.WeightedSum(x, candidates.Select(p => differFrom[p] ? -1L : 1L)) >= 1 - inside);
        }

        if (maximize)
        {
            model.Maximize(welfare);
        }

        using var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture, $"num_workers:1 random_seed:20190127 max_time_in_seconds:{limit.TotalSeconds}"),
        };
        var status = solver.Solve(model);
        if (status == CpSolverStatus.Infeasible)
        {
            return null;
        }

        var proven = maximize ? status == CpSolverStatus.Optimal : status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        if (!proven)
        {
            throw new TimeoutException(Invariant(
                $"Maximum welfare: CP-SAT could not prove its answer within {limit.TotalSeconds} s (status {status}) on {candidates.Length} projects; no outcome is given rather than one that might not be optimal."));
        }

        var result = new bool[cost.Length];
        for (var i = 0; i < candidates.Length; i++)
        {
            result[candidates[i]] = solver.BooleanValue(x[i]);
        }

        return result;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
