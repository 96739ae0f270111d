using Budgeting.Randomness;
using MathNet.Numerics.Distributions;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// The Sortition Foundation's original greedy algorithm ("legacy" in their stratification library), for comparison:
/// repeatedly take the feature value whose unmet minimum is largest relative to the people still available with it,
/// ratio (min − selected) / remaining (the first such value in category order on ties), and select a uniformly random
/// available person with that value. After each selection, a value that reached its maximum makes all remaining people
/// with it unavailable, and so does the selected person's household. A dead end (a minimum that the remaining people
/// can no longer meet, or a final panel outside the quotas) restarts the draw. Its selection probabilities are not known
/// in closed form; <see cref="Estimate"/> estimates them by repeated runs with confidence intervals. Randomness comes
/// only from <see cref="SeededStream"/>, so the result is deterministic for a seed.
/// </summary>
public sealed class LegacySelection : ISelectionAlgorithm
{
    private const int AttemptsPerRun = 1000;

    /// <summary>Creates the algorithm.</summary>
    /// <param name="seed">The seed of the random stream used by the runs.</param>
    /// <param name="runs">How many panels to draw to estimate the distribution.</param>
    public LegacySelection(string seed = "legacy", int runs = 1000)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        Seed = seed;
        Runs = runs;
    }

    /// <inheritdoc />
    public string Name => "legacy";

    /// <summary>The seed of the random stream.</summary>
    public string Seed { get; }

    /// <summary>How many panels are drawn.</summary>
    public int Runs { get; }

    /// <inheritdoc />
    public PanelDistribution Select(Pool pool, int panelSize) => Estimate(pool, panelSize).Distribution;

    /// <summary>Draws <see cref="Runs"/> panels and estimates every person's probability, with intervals on the lowest.</summary>
    /// <param name="pool">The pool.</param>
    /// <param name="panelSize">The panel size.</param>
    /// <param name="confidenceLevel">The intervals' confidence level.</param>
    public LegacyEstimate Estimate(Pool pool, int panelSize, double confidenceLevel = 0.99)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var stream = new SeededStream(Seed);
        var counts = new Dictionary<string, (int[] Panel, int Count)>(StringComparer.Ordinal);
        var failures = 0;
        for (var run = 0; run < Runs; run++)
        {
            int[]? panel = null;
            for (var attempt = 0; attempt < AttemptsPerRun && panel is null; attempt++)
            {
                panel = DrawOnce(pool, panelSize, stream);
                if (panel is null)
                {
                    failures++;
                }
            }

            if (panel is null)
            {
                throw new InfeasibleQuotasException($"The legacy algorithm failed {AttemptsPerRun} times in a row to find a panel meeting the quotas.");
            }

            var key = string.Join(',', panel);
            counts[key] = counts.TryGetValue(key, out var entry) ? (entry.Panel, entry.Count + 1) : (panel, 1);
        }

        var panels = counts.Values.Select(v => v.Panel).ToList();
        var weights = counts.Values.Select(v => (double)v.Count).ToList();
        var distribution = Distributions.Normalise(Name, pool, panels, weights);

        var selected = new int[pool.People.Count];
        foreach (var (panel, count) in counts.Values)
        {
            foreach (var person in panel)
            {
                selected[person] += count;
            }
        }

        var minimum = 0;
        for (var i = 1; i < selected.Length; i++)
        {
            if (selected[i] < selected[minimum])
            {
                minimum = i;
            }
        }

        var x = selected.Length == 0 ? 0 : selected[minimum];
        var (lower, upper) = Wilson(x, Runs, confidenceLevel);
        var jeffreys = x == Runs ? 1.0 : Beta.InvCDF(x + 0.5, Runs - x + 0.5, confidenceLevel);
        return new LegacyEstimate(distribution, Runs, failures, minimum, (double)x / Runs, confidenceLevel, lower, upper, jeffreys);
    }

    /// <summary>
    /// The Wilson score interval for a binomial proportion with <paramref name="successes"/> of <paramref name="trials"/>:
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z the standard normal quantile at (1 + level) / 2.
    /// </summary>
    public static (double Lower, double Upper) Wilson(int successes, int trials, double confidenceLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var z = Normal.InvCDF(0, 1, (1 + confidenceLevel) / 2);
        var n = (double)trials;
        var p = successes / n;
        var centre = p + z * z / (2 * n);
        var spread = z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        var denominator = 1 + z * z / n;
        return (Math.Max(0, (centre - spread) / denominator), Math.Min(1, (centre + spread) / denominator));
    }

    /// <summary>One greedy draw; null when it dead-ends (the caller restarts).</summary>
    public static int[]? DrawOnce(Pool pool, int panelSize, SeededStream stream)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(stream);
        var features = pool.Features;
        var people = pool.People;
        var available = new bool[people.Count];
        Array.Fill(available, true);
        var selectedCount = features.Select(f => new int[f.Values.Count]).ToArray();
        var remaining = features.Select(f => new int[f.Values.Count]).ToArray();
        foreach (var person in people)
        {
            for (var f = 0; f < features.Count; f++)
            {
                remaining[f][person.ValueIndices[f]]++;
            }
        }

        var byHousehold = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            if (people[i].Household is { } h)
            {
                if (!byHousehold.TryGetValue(h, out var list))
                {
                    byHousehold[h] = list = [];
                }

                list.Add(i);
            }
        }

        void Remove(int i)
        {
            available[i] = false;
            for (var f = 0; f < features.Count; f++)
            {
                remaining[f][people[i].ValueIndices[f]]--;
            }
        }

        var panel = new List<int>(panelSize);
        for (var step = 0; step < panelSize; step++)
        {
            // The value with the largest ratio (min − selected) / remaining; ratios compared exactly by cross-multiplication.
            int bestF = -1, bestV = -1;
            long bestNum = 0, bestDen = 1;
            for (var f = 0; f < features.Count; f++)
            {
                for (var v = 0; v < features[f].Values.Count; v++)
                {
                    var value = features[f].Values[v];
                    var need = value.Min - selectedCount[f][v];
                    if (need > remaining[f][v])
                    {
                        return null; // a minimum can no longer be met
                    }

                    if (remaining[f][v] == 0 || value.Max == 0)
                    {
                        continue;
                    }

                    if (bestF < 0 || (long)need * bestDen > bestNum * remaining[f][v])
                    {
                        (bestF, bestV, bestNum, bestDen) = (f, v, need, remaining[f][v]);
                    }
                }
            }

            if (bestF < 0)
            {
                return null;
            }

            var target = (int)stream.NextBelow((ulong)remaining[bestF][bestV]);
            var chosen = -1;
            for (var i = 0; i < people.Count; i++)
            {
                if (available[i] && people[i].ValueIndices[bestF] == bestV && target-- == 0)
                {
                    chosen = i;
                    break;
                }
            }

            panel.Add(chosen);
            Remove(chosen);
            for (var f = 0; f < features.Count; f++)
            {
                var v = people[chosen].ValueIndices[f];
                selectedCount[f][v]++;
                if (selectedCount[f][v] == features[f].Values[v].Max)
                {
                    for (var i = 0; i < people.Count; i++)
                    {
                        if (available[i] && people[i].ValueIndices[f] == v)
                        {
                            Remove(i);
                        }
                    }
                }
            }

            if (people[chosen].Household is { } household)
            {
                foreach (var i in byHousehold[household])
                {
                    if (available[i])
                    {
                        Remove(i);
                    }
                }
            }
        }

        panel.Sort();
        var result = panel.ToArray();
        return PanelRules.Problems(pool, panelSize, result).Count == 0 ? result : null;
    }
}
