using Google.OrTools.LinearSolver;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// Decides whether a target y (expected counts per type, the relaxed LEXIMIN optimum of <see cref="RelaxedLeximin"/>)
/// is a distribution over valid panels, and finds one when it is. One packing LP over the panels known so far, kept alive
/// (GLOP; columns are appended): maximise Σ_P λ_P subject to Σ_P λ_P x_{P,t} ≤ y_t for every type, λ ≥ 0. Every panel
/// has Σ_t x_{P,t} = k = Σ_t y_t, so Σ λ = 1 forces every row to equality: the optimum is 1 exactly when y is a convex
/// combination of panels. With w ≥ 0 the duals of the type rows, a panel improves the LP when its weight Σ_t w_t x_t is
/// below 1; pricing looks for such panels, first by swaps (<see cref="SwapSearch"/>) from the panels in use, then by the
/// exact integer program (<see cref="PricingProblem"/>). When even the lightest valid panel weighs at least 1 while
/// Σ λ &lt; 1, the dual proves that y is not a distribution over panels (w·x ≥ 1 holds for every panel, w·y &lt; 1).
/// </summary>
internal sealed class TargetDecomposition : IDisposable
{
    /// <summary>
    /// The target counts as reached when the normalised weights give every type a probability within this of the
    /// target's (the target itself is a GLOP optimum, exact to about 10⁻⁹).
    /// </summary>
    public const double MaxDeviation = 1e-6;

    private const double PricingTolerance = 1e-9;

    /// <summary>The cut's right-hand side is lowered by this share below the lightest panel's weight (solver tolerances).</summary>
    private const double CutMargin = 1e-9;
    private const int SwapStarts = 30;
    private const int MaxRounds = 10_000;
    private readonly PersonTypes types;
    private readonly double[] target;
    private readonly Solver lp;
    private readonly Constraint[] rows;
    private readonly List<Variable> columns = [];
    private readonly List<int[]> panels = [];
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    /// <summary>Sets up the packing LP for <paramref name="target"/> over <paramref name="initial"/> (duplicates are skipped).</summary>
    public TargetDecomposition(PersonTypes types, double[] target, IEnumerable<int[]> initial)
    {
        this.types = types;
        this.target = target;
        lp = Solver.CreateSolver("GLOP");
        rows = new Constraint[types.Count];
        for (var t = 0; t < types.Count; t++)
        {
            rows[t] = lp.MakeConstraint(double.NegativeInfinity, Math.Max(0, target[t]), $"t{t}");
        }

        lp.Objective().SetMaximization();
        foreach (var panel in initial)
        {
            Add(panel);
        }
    }

    /// <summary>The panels of the LP's columns, in the order they were added.</summary>
    public IReadOnlyList<int[]> Panels => panels;

    /// <summary>
    /// Runs column generation until the target is reached or proved out of reach. Returns the weights λ of
    /// <see cref="Panels"/> (their sum is 1 − the shortfall); the largest difference, over the types, between the
    /// probability the normalised weights give and the target's: at most <see cref="MaxDeviation"/> when the target was
    /// reached, larger when the exact pricing proved that no distribution over panels reaches it; and in that case the
    /// proof as a cut Σ_t w_t y_t ≥ m, met by every valid panel (hence by every distribution's expected counts) and
    /// violated by the target (null when the proof is too weak to cut it off).
    /// </summary>
    public (double[] Weights, double Deviation, (double[] W, double Rhs)? Cut) Run(PricingProblem pricing, SwapSearch swaps, Action<string>? log)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lpTime = TimeSpan.Zero;
        var exactCalls = 0;
        var duals = new double[types.Count];
        var value = 0.0;
        var deviation = double.PositiveInfinity;
        (double[] W, double Rhs)? cut = null;
        for (var round = 1; round <= MaxRounds; round++)
        {
            var start = clock.Elapsed;
            var status = lp.Solve();
            lpTime += clock.Elapsed - start;
            if (status != Solver.ResultStatus.OPTIMAL)
            {
                throw new InvalidOperationException($"The LEXIMIN decomposition LP ended with status {status}.");
            }

            value = lp.Objective().Value();
            deviation = Deviation(columns.Select(c => Math.Max(0, c.SolutionValue())).ToArray());
            if (deviation <= MaxDeviation)
            {
                break;
            }

            for (var t = 0; t < types.Count; t++)
            {
                duals[t] = Math.Max(0, rows[t].DualValue());
            }

            // Maximise −w·x: panels lighter than 1 improve the LP.
            var negative = duals.Select(w => -w).ToArray();
            var values = columns.Select(c => c.SolutionValue()).ToArray();
            var starts = Enumerable.Range(0, panels.Count)
                .OrderByDescending(i => values[i])
                .ThenBy(i => Weight(duals, panels[i]))
                .ThenBy(i => i)
                .Take(SwapStarts)
                .ToList();
            var added = 0;
            foreach (var i in starts)
            {
                var improved = swaps.Improve(panels[i], negative);
                if (Weight(duals, improved) < 1 - PricingTolerance && Add(improved))
                {
                    added++;
                }
            }

            if (added == 0)
            {
                exactCalls++;
                var best = pricing.Best(negative);
                var lightest = Weight(duals, best);
                if (lightest >= 1 - PricingTolerance || !Add(best))
                {
                    // No valid panel is lighter than 1: Σ λ cannot rise, and y is not a distribution over panels. Every
                    // panel has w·x ≥ lightest (less a margin for the solvers' tolerances), while w·y = Σ λ < 1.
                    var rhs = lightest - CutMargin * Math.Max(1, Math.Abs(lightest));
                    if (duals.Select((w, t) => w * Math.Max(0, target[t])).Sum() < rhs - CutMargin * Math.Max(1, Math.Abs(lightest)))
                    {
                        cut = ((double[])duals.Clone(), rhs);
                    }

                    break;
                }
            }

            if (log is not null && round % 10 == 0)
            {
                log($"  decomposition round {round}: {panels.Count} panels, Σλ = {value:F9}, {clock.Elapsed.TotalSeconds:F2} s (LP {lpTime.TotalSeconds:F2} s, {exactCalls} exact pricing calls)");
            }
        }

        log?.Invoke($"target decomposition: Σλ = {value:F12}, largest deviation {deviation:E2}, {panels.Count} panels, {clock.Elapsed.TotalSeconds:F2} s (LP {lpTime.TotalSeconds:F2} s, {exactCalls} exact pricing calls)");
        var weights = columns.Select(c => Math.Max(0, c.SolutionValue())).ToArray();
        return (weights, deviation, deviation <= MaxDeviation ? null : cut);
    }

    /// <summary>max_t |Σ_P λ_P x_{P,t} / (n_t Σ λ) − y_t / n_t|: how far the normalised weights are from the target.</summary>
    private double Deviation(double[] weights)
    {
        var total = weights.Sum();
        if (total <= 0)
        {
            return double.PositiveInfinity;
        }

        var counts = new double[types.Count];
        for (var i = 0; i < panels.Count; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            var panel = panels[i];
            for (var t = 0; t < panel.Length; t++)
            {
                counts[t] += weights[i] * panel[t];
            }
        }

        var largest = 0.0;
        for (var t = 0; t < types.Count; t++)
        {
            largest = Math.Max(largest, Math.Abs(counts[t] / total - Math.Max(0, target[t])) / types.Members[t].Length);
        }

        return largest;
    }

    private bool Add(int[] panel)
    {
        if (!known.Add(string.Join(',', panel)))
        {
            return false;
        }

        var column = lp.MakeNumVar(0, double.PositiveInfinity, $"p{columns.Count}");
        lp.Objective().SetCoefficient(column, 1);
        for (var t = 0; t < panel.Length; t++)
        {
            if (panel[t] != 0)
            {
                rows[t].SetCoefficient(column, panel[t]);
            }
        }

        columns.Add(column);
        panels.Add(panel);
        return true;
    }

    private static double Weight(double[] duals, int[] panel)
    {
        var sum = 0.0;
        for (var t = 0; t < panel.Length; t++)
        {
            sum += duals[t] * panel[t];
        }

        return sum;
    }

    public void Dispose() => lp.Dispose();
}
