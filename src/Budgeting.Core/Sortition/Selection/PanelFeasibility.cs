using Google.OrTools.Sat;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// Decides with CP-SAT (one worker, fixed seed) whether any panel meets the quotas and the one-per-household rule;
/// when none does, names quotas in conflict and finds the smallest relaxation within min_flex/max_flex; when some
/// does, finds the people who are on no feasible panel.
/// </summary>
public static class PanelFeasibility
{
    /// <summary>Checks the pool for panels of size <paramref name="panelSize"/>.</summary>
    public static FeasibilityReport Check(Pool pool, int panelSize) => Analyse(PersonTypes.Build(pool), panelSize).Report;

    /// <summary>The report, and the panels (type counts) found along the way, which cover every possible type.</summary>
    internal static (FeasibilityReport Report, List<int[]> Panels) Analyse(PersonTypes types, int panelSize)
    {
        using var solver = SolverSettings.NewSolver();
        var hard = new PanelModel(types, panelSize);
        var first = hard.Solve(solver, out _);
        if (first is null)
        {
            return (new FeasibilityReport(false, FindConflict(types, panelSize), FindRelaxation(types, panelSize), []), []);
        }

        var panels = new List<int[]> { first };
        var covered = new bool[types.Count];
        Cover(covered, first);
        var impossible = new List<int>();
        for (var t = 0; t < types.Count; t++)
        {
            if (covered[t])
            {
                continue;
            }

            // A panel holding type t that covers as many still-uncovered types as it can (bounded by deterministic time).
            var model = new PanelModel(types, panelSize);
            model.Model.Add(model.Counts[t] >= 1);
            var indicators = new List<BoolVar>();
            for (var u = t + 1; u < types.Count; u++)
            {
                if (!covered[u])
                {
                    var b = model.Model.NewBoolVar($"c{u}");
                    model.Model.Add(model.Counts[u] >= 1).OnlyEnforceIf(b);
                    indicators.Add(b);
                }
            }

            model.Model.Maximize(LinearExpr.Sum(indicators));
            using var coverSolver = new CpSolver { StringParameters = SolverSettings.CpSat + ",max_deterministic_time:1" };
            var panel = model.Solve(coverSolver, out var status);
            if (panel is null && status == CpSolverStatus.Unknown)
            {
                var plain = new PanelModel(types, panelSize);
                plain.Model.Add(plain.Counts[t] >= 1);
                panel = plain.Solve(solver, out _);
            }

            if (panel is null)
            {
                impossible.AddRange(types.Members[t]);
                continue;
            }

            panels.Add(panel);
            Cover(covered, panel);
        }

        impossible.Sort();
        return (new FeasibilityReport(true, [], null, impossible), panels);
    }

    private static void Cover(bool[] covered, int[] panel)
    {
        for (var t = 0; t < panel.Length; t++)
        {
            if (panel[t] > 0)
            {
                covered[t] = true;
            }
        }
    }

    private static List<QuotaBound> FindConflict(PersonTypes types, int panelSize)
    {
        var model = new PanelModel(types, panelSize, QuotaMode.Switchable);
        model.Model.AddAssumptions(model.BoundLiterals.Select(b => (ILiteral)b.Literal));
        using var solver = SolverSettings.NewSolver();
        var status = solver.Solve(model.Model);
        if (status != CpSolverStatus.Infeasible)
        {
            return [];
        }

        var core = solver.SufficientAssumptionsForInfeasibility().ToHashSet();
        return model.BoundLiterals.Where(b => core.Contains(b.Literal.GetIndex())).Select(b => b.Bound).ToList();
    }

    private static List<QuotaRelaxation>? FindRelaxation(PersonTypes types, int panelSize)
    {
        var model = new PanelModel(types, panelSize, QuotaMode.Relaxable);
        model.Model.Minimize(LinearExpr.Sum(model.Slacks.SelectMany(s => new[] { s.Lower, s.Raise })));
        using var solver = SolverSettings.NewSolver();
        var status = solver.Solve(model.Model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }

        var features = types.Pool.Features;
        var changes = new List<QuotaRelaxation>();
        foreach (var (f, v, lower, raise) in model.Slacks)
        {
            var down = (int)solver.Value(lower);
            var up = (int)solver.Value(raise);
            if (down != 0 || up != 0)
            {
                var value = features[f].Values[v];
                changes.Add(new QuotaRelaxation(features[f].Name, value.Name, value.Min, value.Max, value.Min - down, value.Max + up));
            }
        }

        return changes;
    }
}
