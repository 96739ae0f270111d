using Google.OrTools.LinearSolver;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// LEXIMIN panel selection (Flanigan, Gölz, Gkatzelis, Procaccia, "Fair algorithms for selecting citizens' assemblies",
/// Nature 596, 2021): among all distributions over valid panels, maximise the smallest selection probability, then the
/// second smallest, and so on. Interchangeable people are merged into types (<see cref="PersonTypes"/>); by symmetry
/// the optimum gives everyone in a type the same probability. First LEXIMIN over the LP relaxation of the panel polytope
/// (<see cref="RelaxedLeximin"/>), an upper bound in the leximin order on every distribution, and a face walk
/// (<see cref="FaceDecomposition"/>) that writes it as panels where it can. Then one packing LP
/// (<see cref="TargetDecomposition"/>) decides, by column generation, whether the relaxed optimum is a distribution over
/// valid panels: when it is, that distribution is the LEXIMIN optimum and the result. Otherwise each level is solved
/// exactly by column generation in one master LP (GLOP) kept alive across rounds and levels: over the panels generated
/// so far it maximises the lowest probability z of the types not yet fixed, keeping the fixed ones at their level; its
/// duals weight the types, and pricing (a swap heuristic, then an integer program) finds the valid panel of largest dual
/// weight; a panel whose weight exceeds the LP's bound is added, otherwise the level is optimal. Types whose dual weight
/// is positive cannot rise above z (complementary slackness) and are fixed at z; the next level raises the rest.
/// With <c>firstLevelOnly</c> this is MAXIMIN: only the smallest probability is maximised.
/// </summary>
public sealed class Leximin : ISelectionAlgorithm
{
    private const double Tolerance = 1e-9;
    private const double FixThreshold = 1e-7;
    private const int ColumnsPerRound = 20;
    private const double SpareTolerance = 1e-6;

    private readonly bool firstLevelOnly;

    /// <summary>Creates the algorithm; <paramref name="firstLevelOnly"/> gives MAXIMIN.</summary>
    public Leximin(bool firstLevelOnly = false) => this.firstLevelOnly = firstLevelOnly;

    /// <inheritdoc />
    public string Name => firstLevelOnly ? "maximin" : "leximin";

    /// <summary>How many times the relaxation may be tightened by a cut before the level-by-level stage takes over (20 by default).</summary>
    public int CutRounds { get; init; } = 20;

    /// <summary>Receives progress lines (types, levels, panels generated), for diagnostics and benchmarks; null for none.</summary>
    public Action<string>? Log { get; init; }

    /// <inheritdoc />
    public PanelDistribution Select(Pool pool, int panelSize)
    {
        var types = PersonTypes.Build(pool);
        var (typePanels, typeProbabilities) = SolveTypes(types, panelSize);
        var (panels, weights) = PanelExpansion.Expand(types, typePanels, typeProbabilities);
        return Distributions.Normalise(Name, pool, panels, weights);
    }

    /// <summary>The optimal distribution over type panels (counts per type).</summary>
    internal (List<int[]> Panels, List<double> Probabilities) SolveTypes(PersonTypes types, int panelSize)
    {
        var (report, initial) = PanelFeasibility.Analyse(types, panelSize);
        if (!report.Feasible)
        {
            throw new InfeasibleQuotasException(report);
        }

        var panels = new List<int[]>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var panel in initial)
        {
            if (known.Add(Key(panel)))
            {
                panels.Add(panel);
            }
        }

        Log?.Invoke($"{types.Count} types, {types.Households.Count} shared households, {panels.Count} initial panels, {report.ImpossiblePeople.Count} impossible people");
        var impossible = report.ImpossiblePeople.Select(p => types.TypeOfPerson[p]).ToHashSet();
        double[]? relaxed = null;
        if (!firstLevelOnly)
        {
            var met = new List<int[]>();
            relaxed = Relax(types, panelSize, impossible, met);

            // The walk's panels are good columns.
            foreach (var panel in met)
            {
                if (IsValid(types, panelSize, panel) && known.Add(Key(panel)))
                {
                    panels.Add(panel);
                }
            }
        }

        var active = Enumerable.Range(0, types.Count).Where(t => !impossible.Contains(t)).ToArray();
        var fixedAt = new double?[types.Count];
        using var pricing = new PricingProblem(types, panelSize);
        var swaps = new SwapSearch(types, panelSize);
        Log?.Invoke($"pricing by {pricing.SolverName}");
        var cuts = new List<(double[] W, double Rhs)>();
        for (var round = 0; !firstLevelOnly && relaxed is not null; round++)
        {
            // The relaxed optimum bounds every distribution in the leximin order: when it is a distribution over panels,
            // it is the LEXIMIN optimum and the level-by-level stage is not needed.
            using var target = new TargetDecomposition(types, relaxed, panels);
            var (weights, deviation, cut) = target.Run(pricing, swaps, Log);
            if (deviation <= TargetDecomposition.MaxDeviation)
            {
                return ([.. target.Panels], [.. weights]);
            }

            foreach (var panel in target.Panels)
            {
                if (known.Add(Key(panel)))
                {
                    panels.Add(panel);
                }
            }

            if (cut is null || round >= CutRounds)
            {
                break;
            }

            // The proof that the relaxed optimum is out of reach is an inequality every panel meets: add it to P and solve
            // the relaxation again (a tighter upper bound), then try to reach that.
            cuts.Add(cut.Value);
            relaxed = RelaxedLeximin.Solve(types, panelSize, impossible, Log, cuts);
            Log?.Invoke($"cut {cuts.Count} added to the relaxation");
        }

        List<double> probabilities;
        var master = new MasterLp(types, active, fixedAt, panels, 0);
        try
        {
            while (true)
            {
                var (z, duals, p) = SolveLevel(Log, types, active, fixedAt, panels, known, pricing, swaps, ref master);
                probabilities = p;
                Log?.Invoke($"level z = {z:F6}: {panels.Count} panels, {fixedAt.Count(f => f is not null)} types fixed before it");
                if (firstLevelOnly)
                {
                    break;
                }

                var toFix = active.Where(t => fixedAt[t] is null && duals[t] > FixThreshold).ToList();

                // Σ_t n_t π_t = k in every distribution: when every type sits at its floor (the free ones at z, the fixed
                // ones at their level), none can rise without another falling below its floor, so all are at their level.
                var spare = panelSize - active.Sum(t => (fixedAt[t] ?? z) * types.Members[t].Length);
                if (spare <= SpareTolerance)
                {
                    toFix = active.Where(t => fixedAt[t] is null).ToList();
                }

                if (toFix.Count == 0)
                {
                    // Numerical safety: fix the type with the largest dual so that the loop always progresses.
                    toFix.Add(active.Where(t => fixedAt[t] is null).OrderByDescending(t => duals[t]).First());
                }

                foreach (var t in toFix)
                {
                    fixedAt[t] = Math.Max(0, z - Tolerance);
                    master.Fix(t, fixedAt[t]!.Value);
                }

                if (active.All(t => fixedAt[t] is not null))
                {
                    break;
                }
            }
        }
        finally
        {
            master.Dispose();
        }

        return (panels, probabilities);
    }

    /// <summary>
    /// LEXIMIN over the relaxed polytope (<see cref="RelaxedLeximin"/>), and panels that (nearly) write it as a
    /// distribution (<see cref="FaceDecomposition"/>), added to <paramref name="met"/>; returns the relaxed point, or null.
    /// </summary>
    private double[]? Relax(PersonTypes types, int panelSize, IReadOnlySet<int> impossible, List<int[]> met)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var point = RelaxedLeximin.Solve(types, panelSize, impossible, Log);
        Log?.Invoke($"relaxation solved in {clock.Elapsed.TotalSeconds:F2} s");
        if (point is null)
        {
            return null;
        }

        using var decomposition = FaceDecomposition.Create(types, panelSize);
        decomposition?.Decompose(point, met, Log);
        Log?.Invoke($"decomposition ended at {clock.Elapsed.TotalSeconds:F2} s with {met.Count} panels ({decomposition?.LpPanels} of them integral LP vertices)");
        return point;
    }

    private static (double Z, double[] Duals, List<double> Probabilities) SolveLevel(
        Action<string>? log,
        PersonTypes types, int[] active, double?[] fixedAt, List<int[]> panels, HashSet<string> known, PricingProblem pricing, SwapSearch swaps,
        ref MasterLp master)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lpTime = TimeSpan.Zero;
        var exactCalls = 0;
        var rounds = 0;
        {
            var duals = new double[types.Count];
            while (true)
            {
                var lpStart = clock.Elapsed;
                var status = master.Lp.Solve();
                lpTime += clock.Elapsed - lpStart;
                for (var attempt = 1; status != Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL && attempt <= 2; attempt++)
                {
                    // GLOP occasionally reports ABNORMAL after many added columns: rebuild the LP from scratch, and on the
                    // second retry loosen the fixed levels by 1e-7 (far below the 0.1 percentage point that matters).
                    master.Dispose();
                    master = new MasterLp(types, active, fixedAt, panels, attempt == 1 ? 0 : 1e-7);
                    status = master.Lp.Solve();
                }

                if (status != Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL)
                {
                    throw new InvalidOperationException($"The LEXIMIN master LP ended with status {status}.");
                }

                var level = master.Z.SolutionValue();
                foreach (var t in active)
                {
                    duals[t] = Math.Abs(master.Rows[t]!.DualValue());
                }

                // μ: the LP's bound on any panel's dual weight (equal to the largest weight among the current panels).
                var weightOf = panels.Select(panel => Weight(types, active, duals, panel)).ToArray();
                var mu = weightOf.Max();

                // Pricing: valid panels of larger dual weight Σ_t (y_t / n_t) x_t than μ. First the swap heuristic from
                // the heaviest current panels (several columns per LP solve); the exact integer program only when it stalls.
                var weights = new double[types.Count];
                foreach (var t in active)
                {
                    weights[t] = duals[t] / types.Members[t].Length;
                }

                var starts = Enumerable.Range(0, panels.Count).OrderByDescending(i => weightOf[i]).ThenBy(i => i).Take(ColumnsPerRound).ToList();
                var added = 0;
                foreach (var start in starts)
                {
                    var improved = swaps.Improve(panels[start], weights);
                    if (Weight(types, active, duals, improved) > mu + Tolerance && known.Add(Key(improved)))
                    {
                        panels.Add(improved);
                        master.AddColumn(improved);
                        added++;
                    }
                }

                if (added == 0)
                {
                    exactCalls++;
                    var candidate = pricing.Best(weights);
                    if (Weight(types, active, duals, candidate) <= mu + Tolerance || !known.Add(Key(candidate)))
                    {
                        break;
                    }

                    panels.Add(candidate);
                    master.AddColumn(candidate);
                }

                rounds++;
                if (log is not null && rounds % 20 == 0)
                {
                    log($"  round {rounds}: {panels.Count} panels, z = {level:F6}, {clock.Elapsed.TotalSeconds:F2} s (LP {lpTime.TotalSeconds:F2} s, {exactCalls} exact pricing calls)");
                }
            }

            log?.Invoke($"  level solved in {clock.Elapsed.TotalSeconds:F2} s (LP {lpTime.TotalSeconds:F2} s, {exactCalls} exact pricing calls)");
            var probabilities = master.Columns.Select(c => Math.Max(0, c.SolutionValue())).ToList();
            return (master.Z.SolutionValue(), duals, probabilities);
        }
    }

    /// <summary>The master LP of one level: panel probabilities p ≥ 0 summing to 1, the level z, a row per active type.</summary>
    private sealed class MasterLp : IDisposable
    {
        private readonly PersonTypes types;
        private readonly int[] active;
        private readonly Google.OrTools.LinearSolver.Constraint convexity;

        public MasterLp(PersonTypes types, int[] active, double?[] fixedAt, List<int[]> panels, double slack)
        {
            this.types = types;
            this.active = active;
            Lp = Google.OrTools.LinearSolver.Solver.CreateSolver("GLOP");
            Z = Lp.MakeNumVar(0, 1, "z");
            Rows = new Google.OrTools.LinearSolver.Constraint?[types.Count];
            foreach (var t in active)
            {
                if (fixedAt[t] is { } level)
                {
                    Rows[t] = Lp.MakeConstraint(Math.Max(0, level - slack), double.PositiveInfinity, $"fixed{t}");
                }
                else
                {
                    Rows[t] = Lp.MakeConstraint(0, double.PositiveInfinity, $"free{t}");
                    Rows[t]!.SetCoefficient(Z, -1);
                }
            }

            convexity = Lp.MakeConstraint(1, 1, "convexity");
            foreach (var panel in panels)
            {
                AddColumn(panel);
            }

            var objective = Lp.Objective();
            objective.SetCoefficient(Z, 1);
            objective.SetMaximization();
        }

        public Google.OrTools.LinearSolver.Solver Lp { get; }

        public Variable Z { get; }

        public Google.OrTools.LinearSolver.Constraint?[] Rows { get; }

        public List<Variable> Columns { get; } = [];

        public void AddColumn(int[] panel)
        {
            var p = Lp.MakeNumVar(0, double.PositiveInfinity, $"p{Columns.Count}");
            convexity.SetCoefficient(p, 1);
            foreach (var t in active)
            {
                if (panel[t] > 0)
                {
                    Rows[t]!.SetCoefficient(p, (double)panel[t] / types.Members[t].Length);
                }
            }

            Columns.Add(p);
        }

        /// <summary>Fixes type t at a level: its row no longer involves z and asks for at least the level.</summary>
        public void Fix(int t, double level)
        {
            Rows[t]!.SetCoefficient(Z, 0);
            Rows[t]!.SetBounds(level, double.PositiveInfinity);
        }

        public void Dispose() => Lp.Dispose();
    }

    private static double Weight(PersonTypes types, int[] active, double[] duals, int[] panel)
    {
        var sum = 0.0;
        foreach (var t in active)
        {
            if (panel[t] > 0)
            {
                sum += duals[t] * panel[t] / types.Members[t].Length;
            }
        }

        return sum;
    }

    private static string Key(int[] panel) => string.Join(',', panel);

    /// <summary>Whether type counts form a valid panel: size k, within each type, every quota, one per shared household.</summary>
    private static bool IsValid(PersonTypes types, int panelSize, int[] panel)
    {
        if (panel.Sum() != panelSize || Enumerable.Range(0, types.Count).Any(t => panel[t] < 0 || panel[t] > types.Members[t].Length))
        {
            return false;
        }

        if (types.Households.Any(h => h.Sum(t => panel[t]) > 1))
        {
            return false;
        }

        var features = types.Pool.Features;
        for (var f = 0; f < features.Count; f++)
        {
            var counts = new int[features[f].Values.Count];
            for (var t = 0; t < types.Count; t++)
            {
                counts[types.Values[t][f]] += panel[t];
            }

            for (var v = 0; v < counts.Length; v++)
            {
                if (counts[v] < features[f].Values[v].Min || counts[v] > features[f].Values[v].Max)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
