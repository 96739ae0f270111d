using Google.OrTools.LinearSolver;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// The LEXIMIN pricing problem: the valid panel (type counts) of largest weight Σ_t w_t x_t. Solved as an integer
/// program by SCIP (through OR-Tools' linear solver wrapper, single-threaded and deterministic), which proves these
/// small problems (one variable per type, one row per quota) optimal in milliseconds; when SCIP is not available,
/// by CP-SAT on <see cref="PanelModel"/> with weights scaled to integers.
/// </summary>
internal sealed class PricingProblem : IDisposable
{
    private const double CpSatScale = 1e9;
    private readonly PersonTypes types;
    private readonly Solver? mip;
    private readonly Variable[] counts = [];
    private readonly PanelModel? cpModel;
    private readonly Google.OrTools.Sat.CpSolver? cpSolver;
    private readonly MPSolverParameters parameters = new();

    public PricingProblem(PersonTypes types, int panelSize)
    {
        this.types = types;
        mip = Solver.CreateSolver("SCIP");
        if (mip is null)
        {
            cpModel = new PanelModel(types, panelSize);
            cpSolver = SolverSettings.NewSolver();
            return;
        }

        mip.SetNumThreads(1);
        counts = new Variable[types.Count];
        for (var t = 0; t < types.Count; t++)
        {
            counts[t] = mip.MakeIntVar(0, Math.Min(types.Members[t].Length, panelSize), $"x{t}");
        }

        var size = mip.MakeConstraint(panelSize, panelSize, "size");
        foreach (var x in counts)
        {
            size.SetCoefficient(x, 1);
        }

        foreach (var household in types.Households)
        {
            var row = mip.MakeConstraint(0, 1, "household");
            foreach (var t in household)
            {
                row.SetCoefficient(counts[t], 1);
            }
        }

        var features = types.Pool.Features;
        for (var f = 0; f < features.Count; f++)
        {
            for (var v = 0; v < features[f].Values.Count; v++)
            {
                var row = mip.MakeConstraint(features[f].Values[v].Min, features[f].Values[v].Max, $"q{f}_{v}");
                for (var t = 0; t < types.Count; t++)
                {
                    if (types.Values[t][f] == v)
                    {
                        row.SetCoefficient(counts[t], 1);
                    }
                }
            }
        }

        mip.Objective().SetMaximization();

        // Optimal, not within SCIP's default 10⁻⁴ gap: "no panel is heavier" is a proof the callers rely on.
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0);
    }

    /// <summary>Which solver prices: SCIP or CP-SAT.</summary>
    public string SolverName => mip is null ? "CP-SAT" : "SCIP";

    /// <summary>The valid panel maximising Σ_t weights[t] · x_t.</summary>
    public int[] Best(double[] weights)
    {
        if (mip is null)
        {
            var largest = weights.DefaultIfEmpty(0).Max();
            var coefficients = weights.Select(w => largest > 0 ? (long)Math.Round(w / largest * CpSatScale) : 0L).ToArray();
            cpModel!.Model.Maximize(Google.OrTools.Sat.LinearExpr.WeightedSum(cpModel.Counts, coefficients));
            return cpModel.Solve(cpSolver!, out _)
                ?? throw new InvalidOperationException("The LEXIMIN pricing problem found no panel although the quotas are feasible.");
        }

        var objective = mip.Objective();
        for (var t = 0; t < counts.Length; t++)
        {
            objective.SetCoefficient(counts[t], weights[t]);
        }

        var status = mip.Solve(parameters);
        if (status != Solver.ResultStatus.OPTIMAL)
        {
            throw new InvalidOperationException($"The LEXIMIN pricing problem ended with status {status}.");
        }

        return counts.Select(x => (int)Math.Round(x.SolutionValue())).ToArray();
    }

    public void Dispose()
    {
        mip?.Dispose();
        cpSolver?.Dispose();
        parameters.Dispose();
    }
}
