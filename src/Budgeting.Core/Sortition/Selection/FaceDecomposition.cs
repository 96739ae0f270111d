using Google.OrTools.LinearSolver;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// Writes a point y of the relaxed panel polytope (expected counts per type, see <see cref="RelaxedLeximin"/>) as a
/// distribution over valid panels, by walking down its faces (Carathéodory's construction): find an integer panel x on
/// the smallest face holding y (every bound and quota that is tight at y stays tight; an integer program solved by
/// SCIP), move y away from x along y − x until a new constraint becomes tight, at y' = y + θ(y − x); then
/// y = x · θ/(1+θ) + y' · 1/(1+θ), and y' lies on a smaller face. Each step lowers the face's dimension, so the walk ends
/// after at most (number of types + 1) panels, at an integer point. It also stops when the weight left is negligible,
/// or when some face holds no integer panel (the polytope is not integral there). The panels met are columns for the
/// master LP of <see cref="Leximin"/>, which finds their exact weights or generates more.
/// </summary>
internal sealed class FaceDecomposition : IDisposable
{
    private const double Tight = 1e-7;

    /// <summary>The walk stops when the weight left undecomposed is below this.</summary>
    private const double StopWeight = 1e-9;

    /// <summary>The panel need only be near the best rounding of y: SCIP stops within this relative gap.</summary>
    private const double Gap = 0.05;

    /// <summary>An LP vertex whose every coordinate is within this of an integer is taken as that integer panel.</summary>
    private const double IntegralTolerance = 1e-9;
    private readonly PersonTypes types;
    private readonly Solver mip;
    private readonly Variable[] counts;
    private readonly Solver lp;
    private readonly Variable[] relaxedCounts;
    private readonly double[] caps;
    private readonly List<(int[] Types, double Min, double Max, Constraint Row, Constraint RelaxedRow)> rows = [];
    private readonly MPSolverParameters parameters = new();
    private bool[] tightRows = [];

    /// <summary>How many panels of the walk were integral vertices of the face's LP (the others came from SCIP).</summary>
    public int LpPanels { get; private set; }

    private FaceDecomposition(PersonTypes types, int panelSize, Solver mip)
    {
        this.types = types;
        this.mip = mip;
        mip.SetNumThreads(1);
        lp = Solver.CreateSolver("GLOP");
        caps = types.Members.Select(m => (double)Math.Min(m.Length, panelSize)).ToArray();
        counts = new Variable[types.Count];
        relaxedCounts = new Variable[types.Count];
        for (var t = 0; t < types.Count; t++)
        {
            counts[t] = mip.MakeIntVar(0, caps[t], $"x{t}");
            relaxedCounts[t] = lp.MakeNumVar(0, caps[t], $"x{t}");
        }

        var all = Enumerable.Range(0, types.Count).ToArray();
        AddRow(all, panelSize, panelSize);
        foreach (var household in types.Households)
        {
            AddRow(household, 0, 1);
        }

        var features = types.Pool.Features;
        for (var f = 0; f < features.Count; f++)
        {
            for (var v = 0; v < features[f].Values.Count; v++)
            {
                var members = all.Where(t => types.Values[t][f] == v).ToArray();
                AddRow(members, features[f].Values[v].Min, features[f].Values[v].Max);
            }
        }

        mip.Objective().SetMaximization();
        lp.Objective().SetMaximization();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, Gap);

        // Any integer point of the face will do, and the walk solves one small program per step: SCIP's presolving and
        // root cutting rounds cost more than the search (about 5× the time per step on the benchmark pools). A node limit
        // (deterministic, unlike a time limit) bounds a hard face: the walk then stops there, and the packing LP of
        // TargetDecomposition carries on from the panels met so far.
        mip.SetSolverSpecificParametersAsString("presolving/maxrounds = 0\nseparating/maxroundsroot = 0\nlimits/nodes = 20000\n");
    }

    /// <summary>A decomposer, or null when the SCIP solver is not available.</summary>
    public static FaceDecomposition? Create(PersonTypes types, int panelSize)
    {
        var mip = Solver.CreateSolver("SCIP");
        return mip is null ? null : new FaceDecomposition(types, panelSize, mip);
    }

    /// <summary>
    /// Walks from <paramref name="point"/> and adds the panels met to <paramref name="panels"/>; returns the weight of y
    /// left undecomposed (0 when the walk ended at an integer point; 1 − the weights of the panels otherwise). The walk
    /// stops when some face holds no integer panel, or when the weight left is below <see cref="StopWeight"/>: the
    /// caller's master LP then finds exact weights for the panels (and more panels if they are not enough).
    /// </summary>
    public double Decompose(double[] point, List<int[]> panels, Action<string>? log)
    {
        var y = (double[])point.Clone();
        Snap(y);
        var remaining = 1.0;
        for (var step = 0; step <= types.Count + 1; step++)
        {
            var x = PanelOnFace(y);
            if (x is null)
            {
                log?.Invoke($"decomposition: no integer panel on the face after {step} panels (weight left {remaining:E2})");
                return remaining;
            }

            panels.Add(x);
            var d = new double[y.Length];
            var moves = false;
            for (var t = 0; t < y.Length; t++)
            {
                d[t] = y[t] - x[t];
                moves |= Math.Abs(d[t]) > Tight;
            }

            if (!moves)
            {
                log?.Invoke($"decomposition: ended at an integer point after {step + 1} panels");
                return 0;
            }

            var theta = StepLength(y, d);
            if (!(theta > 0) || double.IsInfinity(theta))
            {
                log?.Invoke($"decomposition: degenerate step after {step + 1} panels (weight left {remaining:E2})");
                return remaining;
            }

            // y = x · θ/(1+θ) + y' · 1/(1+θ)
            remaining /= 1 + theta;
            for (var t = 0; t < y.Length; t++)
            {
                y[t] += theta * d[t];
            }

            Snap(y);
            if (remaining < StopWeight)
            {
                log?.Invoke($"decomposition: {step + 1} panels, weight left {remaining:E2}");
                return remaining;
            }
        }

        log?.Invoke("decomposition: step limit reached");
        return remaining;
    }

    /// <summary>
    /// An integer panel on the smallest face of the relaxed polytope holding <paramref name="y"/>, or null. The face's LP
    /// (GLOP, warm-started from the previous step) is solved first: when its optimal vertex is integral, it is the panel;
    /// otherwise the integer program (SCIP) decides.
    /// </summary>
    private int[]? PanelOnFace(double[] y)
    {
        var objective = mip.Objective();
        var relaxedObjective = lp.Objective();
        for (var t = 0; t < y.Length; t++)
        {
            double low = 0, high = caps[t];
            if (y[t] <= Tight)
            {
                high = 0;
            }
            else if (y[t] >= caps[t] - Tight)
            {
                low = caps[t];
            }

            counts[t].SetBounds(low, high);
            relaxedCounts[t].SetBounds(low, high);

            // Lean towards the types y holds most of: the panel is then a rounding of y.
            objective.SetCoefficient(counts[t], caps[t] > 0 ? y[t] / caps[t] : 0);
            relaxedObjective.SetCoefficient(relaxedCounts[t], caps[t] > 0 ? y[t] / caps[t] : 0);
        }

        tightRows = new bool[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var (members, min, max, row, relaxedRow) = rows[r];
            var sum = members.Sum(t => y[t]);
            double low = min, high = max;
            if (sum <= min + Tight)
            {
                high = min;
                tightRows[r] = true;
            }
            else if (sum >= max - Tight)
            {
                low = max;
                tightRows[r] = true;
            }

            row.SetBounds(low, high);
            relaxedRow.SetBounds(low, high);
        }

        if (lp.Solve() == Solver.ResultStatus.OPTIMAL)
        {
            var vertex = relaxedCounts.Select(c => c.SolutionValue()).ToArray();
            if (vertex.All(v => Math.Abs(v - Math.Round(v)) <= IntegralTolerance))
            {
                LpPanels++;
                return vertex.Select(v => (int)Math.Round(v)).ToArray();
            }
        }

        var status = mip.Solve(parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return null;
        }

        return counts.Select(c => (int)Math.Round(c.SolutionValue())).ToArray();
    }

    /// <summary>The largest θ with y + θ d still in the polytope.</summary>
    private double StepLength(double[] y, double[] d)
    {
        var theta = double.PositiveInfinity;
        for (var t = 0; t < y.Length; t++)
        {
            // Coordinates at a bound (snapped exactly) have d = 0 and stay there.
            if (d[t] < 0 && y[t] > 0)
            {
                theta = Math.Min(theta, y[t] / -d[t]);
            }
            else if (d[t] > 0 && y[t] < caps[t])
            {
                theta = Math.Min(theta, (caps[t] - y[t]) / d[t]);
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            // Rows tight on the face stay tight: the panel meets them with equality.
            if (tightRows[r])
            {
                continue;
            }

            var members = rows[r].Types;
            double sum = 0, change = 0;
            foreach (var t in members)
            {
                sum += y[t];
                change += d[t];
            }

            var (_, min, max, _, _) = rows[r];
            if (change > Tight)
            {
                theta = Math.Min(theta, Math.Max(0, max - sum) / change);
            }
            else if (change < -Tight)
            {
                theta = Math.Min(theta, Math.Max(0, sum - min) / -change);
            }
        }

        return theta;
    }

    private void Snap(double[] y)
    {
        for (var t = 0; t < y.Length; t++)
        {
            if (y[t] <= Tight)
            {
                y[t] = 0;
            }
            else if (y[t] >= caps[t] - Tight)
            {
                y[t] = caps[t];
            }
        }
    }

    private void AddRow(int[] members, int min, int max)
    {
        var row = mip.MakeConstraint(min, max);
        var relaxedRow = lp.MakeConstraint(min, max);
        foreach (var t in members)
        {
            row.SetCoefficient(counts[t], 1);
            relaxedRow.SetCoefficient(relaxedCounts[t], 1);
        }

        rows.Add((members, min, max, row, relaxedRow));
    }

    public void Dispose()
    {
        parameters.Dispose();
        mip.Dispose();
        lp.Dispose();
    }
}
