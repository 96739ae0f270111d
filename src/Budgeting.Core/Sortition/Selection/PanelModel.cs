using Google.OrTools.Sat;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// The CP-SAT model of a panel over types: an integer count x_t ∈ [0, n_t] per type, Σ x_t = k, each feature value's
/// count within its quota (optionally switched by a literal, or relaxed by slack variables), and at most one person per
/// shared household.
/// </summary>
internal sealed class PanelModel
{
    public PanelModel(PersonTypes types, int panelSize, QuotaMode mode = QuotaMode.Hard)
    {
        Types = types;
        PanelSize = panelSize;
        Model = new CpModel();
        Counts = new IntVar[types.Count];
        for (var t = 0; t < types.Count; t++)
        {
            Counts[t] = Model.NewIntVar(0, Math.Min(types.Members[t].Length, panelSize), $"x{t}");
        }

        Model.Add(LinearExpr.Sum(Counts) == panelSize);
        foreach (var household in types.Households)
        {
            Model.Add(LinearExpr.Sum(household.Select(t => Counts[t])) <= 1);
        }

        var features = types.Pool.Features;
        for (var f = 0; f < features.Count; f++)
        {
            for (var v = 0; v < features[f].Values.Count; v++)
            {
                var value = features[f].Values[v];
                var sum = ValueCount(f, v);
                switch (mode)
                {
                    case QuotaMode.Hard:
                        Model.AddLinearConstraint(sum, value.Min, value.Max);
                        break;
                    case QuotaMode.Switchable:
                        {
                            var atLeast = Model.NewBoolVar($"min_{f}_{v}");
                            var atMost = Model.NewBoolVar($"max_{f}_{v}");
                            Model.Add(sum >= value.Min).OnlyEnforceIf(atLeast);
                            Model.Add(sum <= value.Max).OnlyEnforceIf(atMost);
                            BoundLiterals.Add((new QuotaBound(features[f].Name, value.Name, QuotaSide.Min, value.Min), atLeast));
                            BoundLiterals.Add((new QuotaBound(features[f].Name, value.Name, QuotaSide.Max, value.Max), atMost));
                            break;
                        }

                    case QuotaMode.Relaxable:
                        {
                            var lowest = Math.Min(value.Min, value.MinFlex ?? 0);
                            var highest = Math.Max(value.Max, value.MaxFlex ?? panelSize);
                            var lower = Model.NewIntVar(0, value.Min - lowest, $"lower_{f}_{v}");
                            var raise = Model.NewIntVar(0, Math.Max(0, highest - value.Max), $"raise_{f}_{v}");
                            Model.Add(sum + lower >= value.Min);
                            Model.Add(sum - raise <= value.Max);
                            Slacks.Add((f, v, lower, raise));
                            break;
                        }
                }
            }
        }
    }

    /// <summary>The types the model is over.</summary>
    public PersonTypes Types { get; }

    /// <summary>The panel size k.</summary>
    public int PanelSize { get; }

    /// <summary>The CP-SAT model.</summary>
    public CpModel Model { get; }

    /// <summary>The count variable of each type.</summary>
    public IntVar[] Counts { get; }

    /// <summary>In <see cref="QuotaMode.Switchable"/> mode, each quota bound and the literal that enforces it.</summary>
    public List<(QuotaBound Bound, BoolVar Literal)> BoundLiterals { get; } = [];

    /// <summary>In <see cref="QuotaMode.Relaxable"/> mode, each value's slack variables (how far min is lowered and max raised).</summary>
    public List<(int Feature, int Value, IntVar Lower, IntVar Raise)> Slacks { get; } = [];

    /// <summary>The number of panel members with value <paramref name="v"/> of feature <paramref name="f"/>.</summary>
    public LinearExpr ValueCount(int f, int v)
    {
        var terms = new List<IntVar>();
        for (var t = 0; t < Types.Count; t++)
        {
            if (Types.Values[t][f] == v)
            {
                terms.Add(Counts[t]);
            }
        }

        return LinearExpr.Sum(terms);
    }

    /// <summary>Solves the model as it stands; returns the type counts, or null when there is no solution.</summary>
    public int[]? Solve(CpSolver solver, out CpSolverStatus status)
    {
        status = solver.Solve(Model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }

        var counts = new int[Counts.Length];
        for (var t = 0; t < counts.Length; t++)
        {
            counts[t] = (int)solver.Value(Counts[t]);
        }

        return counts;
    }
}
