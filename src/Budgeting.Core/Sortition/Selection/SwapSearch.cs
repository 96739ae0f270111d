namespace Budgeting.Sortition.Selection;

/// <summary>
/// A fast heuristic for the LEXIMIN pricing problem: from a valid panel (type counts), repeatedly swap one member of a
/// type for one of another type when the weight rises and the panel stays valid (every quota, households), taking the
/// best swap each time, until no swap helps. It finds improving panels cheaply; only when it stalls does the exact
/// integer program (<see cref="PricingProblem"/>) decide whether an improving panel exists.
/// </summary>
internal sealed class SwapSearch
{
    private const double Epsilon = 1e-12;
    private readonly PersonTypes types;
    private readonly int[] caps;
    private readonly int[] householdOf;

    public SwapSearch(PersonTypes types, int panelSize)
    {
        this.types = types;
        caps = types.Members.Select(m => Math.Min(m.Length, panelSize)).ToArray();
        householdOf = new int[types.Count];
        Array.Fill(householdOf, -1);
        for (var h = 0; h < types.Households.Count; h++)
        {
            foreach (var t in types.Households[h])
            {
                householdOf[t] = h;
            }
        }
    }

    /// <summary>Improves <paramref name="start"/> by swaps; returns the improved counts (a new array).</summary>
    public int[] Improve(int[] start, double[] weights, int maxSwaps = 10_000)
    {
        var x = (int[])start.Clone();
        var features = types.Pool.Features;
        var valueCounts = features.Select(f => new int[f.Values.Count]).ToArray();
        var householdUse = new int[types.Households.Count];
        for (var t = 0; t < x.Length; t++)
        {
            if (x[t] == 0)
            {
                continue;
            }

            for (var f = 0; f < features.Count; f++)
            {
                valueCounts[f][types.Values[t][f]] += x[t];
            }

            if (householdOf[t] >= 0)
            {
                householdUse[householdOf[t]] += x[t];
            }
        }

        // Types ordered by weight: additions from the heaviest, removals from the lightest.
        var byWeight = Enumerable.Range(0, x.Length).OrderByDescending(t => weights[t]).ThenBy(t => t).ToArray();
        for (var swap = 0; swap < maxSwaps; swap++)
        {
            int bestIn = -1, bestOut = -1;
            var bestGain = Epsilon;
            foreach (var b in byWeight)
            {
                if (x[b] >= caps[b])
                {
                    continue;
                }

                if (weights[b] - MinimumWeight(weights) <= bestGain)
                {
                    break;
                }

                for (var i = byWeight.Length - 1; i >= 0; i--)
                {
                    var a = byWeight[i];
                    var gain = weights[b] - weights[a];
                    if (gain <= bestGain)
                    {
                        break;
                    }

                    if (x[a] == 0 || a == b || !SwapKeepsValid(a, b, x, valueCounts, householdUse))
                    {
                        continue;
                    }

                    bestGain = gain;
                    bestIn = b;
                    bestOut = a;
                    break; // removals are scanned from the lightest: the first valid one is the best for this b
                }
            }

            if (bestIn < 0)
            {
                break;
            }

            Apply(bestOut, -1, x, valueCounts, householdUse);
            Apply(bestIn, +1, x, valueCounts, householdUse);
        }

        return x;
    }

    private double minimumWeightCache = double.NaN;
    private double[]? minimumWeightFor;

    private double MinimumWeight(double[] weights)
    {
        if (!ReferenceEquals(minimumWeightFor, weights))
        {
            minimumWeightFor = weights;
            minimumWeightCache = weights.Length == 0 ? 0 : weights.Min();
        }

        return minimumWeightCache;
    }

    private bool SwapKeepsValid(int a, int b, int[] x, int[][] valueCounts, int[] householdUse)
    {
        var features = types.Pool.Features;
        var va = types.Values[a];
        var vb = types.Values[b];
        for (var f = 0; f < features.Count; f++)
        {
            if (va[f] == vb[f])
            {
                continue;
            }

            if (valueCounts[f][va[f]] - 1 < features[f].Values[va[f]].Min || valueCounts[f][vb[f]] + 1 > features[f].Values[vb[f]].Max)
            {
                return false;
            }
        }

        var hb = householdOf[b];
        if (hb >= 0)
        {
            var use = householdUse[hb] - (householdOf[a] == hb ? 1 : 0);
            if (use > 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Apply(int t, int delta, int[] x, int[][] valueCounts, int[] householdUse)
    {
        x[t] += delta;
        for (var f = 0; f < valueCounts.Length; f++)
        {
            valueCounts[f][types.Values[t][f]] += delta;
        }

        if (householdOf[t] >= 0)
        {
            householdUse[householdOf[t]] += delta;
        }
    }
}
