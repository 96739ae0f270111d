using Google.OrTools.LinearSolver;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// LEXIMIN over the LP relaxation of the panel polytope: the expected count y_t of each type ranges over
/// P = { y : Σ_t y_t = k, 0 ≤ y_t ≤ min(n_t, k), every quota L ≤ Σ_{t has value v} y_t ≤ U, every shared household Σ y_t ≤ 1 },
/// which contains every distribution's expected counts. One GLOP model, kept alive from level to level, maximises the
/// lowest probability z = y_t / n_t of the types not yet fixed; a type whose row has a positive dual value is at z in
/// every optimum (complementary slackness) and is fixed there (its row is switched off and its lower bound raised),
/// then the next level is solved in the same model. The result is an upper bound in the leximin order on
/// what any distribution over integer panels achieves, and it is the exact LEXIMIN optimum whenever it can be written
/// as a distribution over panels (<see cref="FaceDecomposition"/> checks that).
/// </summary>
internal static class RelaxedLeximin
{
    private const double FixThreshold = 1e-7;
    private const double LevelSlack = 1e-9;
    private const double SpareTolerance = 1e-6;

    /// <summary>
    /// The relaxed LEXIMIN expected counts per type (0 for <paramref name="impossible"/> types), or null if GLOP fails.
    /// <paramref name="cuts"/> are inequalities Σ_t w_t y_t ≥ m met by every valid panel, added to P.
    /// </summary>
    public static double[]? Solve(PersonTypes types, int panelSize, IReadOnlySet<int> impossible, Action<string>? log, IReadOnlyList<(double[] W, double Rhs)>? cuts = null)
    {
        using var lp = Solver.CreateSolver("GLOP");
        var z = lp.MakeNumVar(0, 1, "z");
        var y = new Variable[types.Count];
        for (var t = 0; t < types.Count; t++)
        {
            y[t] = lp.MakeNumVar(0, impossible.Contains(t) ? 0 : Math.Min(types.Members[t].Length, panelSize), $"y{t}");
        }

        var size = lp.MakeConstraint(panelSize, panelSize, "size");
        foreach (var v in y)
        {
            size.SetCoefficient(v, 1);
        }

        foreach (var household in types.Households)
        {
            var row = lp.MakeConstraint(0, 1, "household");
            foreach (var t in household)
            {
                row.SetCoefficient(y[t], 1);
            }
        }

        var features = types.Pool.Features;
        for (var f = 0; f < features.Count; f++)
        {
            for (var value = 0; value < features[f].Values.Count; value++)
            {
                var row = lp.MakeConstraint(features[f].Values[value].Min, features[f].Values[value].Max, $"q{f}_{value}");
                for (var t = 0; t < types.Count; t++)
                {
                    if (types.Values[t][f] == value)
                    {
                        row.SetCoefficient(y[t], 1);
                    }
                }
            }
        }

        foreach (var (w, rhs) in cuts ?? [])
        {
            var row = lp.MakeConstraint(rhs, double.PositiveInfinity, "cut");
            for (var t = 0; t < types.Count; t++)
            {
                if (w[t] != 0)
                {
                    row.SetCoefficient(y[t], w[t]);
                }
            }
        }

        // Row t: y_t / n_t − z ≥ 0 while type t is free.
        var levelRows = new Constraint?[types.Count];
        var free = new SortedSet<int>();
        for (var t = 0; t < types.Count; t++)
        {
            if (impossible.Contains(t))
            {
                continue;
            }

            levelRows[t] = lp.MakeConstraint(0, double.PositiveInfinity, $"level{t}");
            levelRows[t]!.SetCoefficient(y[t], 1.0 / types.Members[t].Length);
            levelRows[t]!.SetCoefficient(z, -1);
            free.Add(t);
        }

        if (free.Count == 0)
        {
            return null;
        }

        lp.Objective().SetCoefficient(z, 1);
        lp.Objective().SetMaximization();
        var levels = 0;
        long solveTicks = 0;
        double[] solution = [];
        while (free.Count > 0)
        {
            var solveStart = System.Diagnostics.Stopwatch.GetTimestamp();
            var solved = lp.Solve();
            solveTicks += System.Diagnostics.Stopwatch.GetTimestamp() - solveStart;
            if (solved != Solver.ResultStatus.OPTIMAL)
            {
                log?.Invoke($"relaxation: GLOP did not reach an optimum at level {levels + 1}");
                return null;
            }

            levels++;
            var level = z.SolutionValue();
            solution = y.Select(v => Math.Max(0, v.SolutionValue())).ToArray();
            // GLOP's dual value of a ≥ row in a maximisation is ≤ 0 (raising the row's bound lowers z): its magnitude counts.
            var toFix = free.Where(t => -levelRows[t]!.DualValue() > FixThreshold).ToList();

            // The size row holds Σ y_t = k in every solution: when every type sits at its floor (the free ones at z, the
            // fixed ones at their level), no free type can rise without another falling below its floor, so all are fixed.
            var spare = panelSize - Enumerable.Range(0, types.Count).Sum(t => free.Contains(t) ? level * types.Members[t].Length : y[t].Lb());
            if (spare <= SpareTolerance)
            {
                toFix = [.. free];
            }

            if (toFix.Count == 0)
            {
                // Numerical safety: the type with the largest dual value (there is always one at the level).
                toFix.Add(free.OrderByDescending(t => -levelRows[t]!.DualValue()).ThenBy(t => t).First());
            }

            foreach (var t in toFix)
            {
                levelRows[t]!.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
                var n = types.Members[t].Length;
                y[t].SetLb(Math.Min(y[t].Ub(), Math.Max(0, level - LevelSlack) * n));
            }

            free.ExceptWith(toFix);
        }

        // The last level's solution has every type at (at least) its own level.
        log?.Invoke($"relaxation: {levels} levels, GLOP {System.Diagnostics.Stopwatch.GetElapsedTime(0, solveTicks).TotalSeconds:F2} s");
        return solution;
    }
}
