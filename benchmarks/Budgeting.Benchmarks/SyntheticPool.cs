using Budgeting.Randomness;
using Budgeting.Sortition;

namespace Budgeting.Benchmarks;

/// <summary>
/// A deterministic synthetic pool for the LEXIMIN benchmarks: each feature's values have skewed shares (value j has
/// weight j + 1), people draw their values independently from these shares with <see cref="SeededStream"/>, and each
/// quota is the value's pool share of the panel ± 15 % (at least ±1). With <c>populationQuotas</c>, the quotas follow
/// instead a population in which every value is equally common (equal shares ± 15 %), as real quotas follow the
/// population rather than the self-selected pool: rare values in the pool are then needed more often than the pool's
/// share, so equal probabilities are impossible and LEXIMIN has to trade them off.
/// </summary>
public static class SyntheticPool
{
    /// <summary>Generates a pool of <paramref name="people"/> with one feature per entry of <paramref name="valueCounts"/>.</summary>
    public static Pool Generate(int people, int panelSize, IReadOnlyList<int> valueCounts, string seed = "synthetic-pool", bool populationQuotas = false)
    {
        var stream = new SeededStream(seed);
        var rows = new int[people][];
        for (var i = 0; i < people; i++)
        {
            rows[i] = new int[valueCounts.Count];
            for (var f = 0; f < valueCounts.Count; f++)
            {
                var total = valueCounts[f] * (valueCounts[f] + 1) / 2;
                var r = (int)stream.NextBelow((ulong)total);
                var v = 0;
                while (r >= v + 1)
                {
                    r -= v + 1;
                    v++;
                }

                rows[i][f] = v;
            }
        }

        var features = new List<Feature>();
        for (var f = 0; f < valueCounts.Count; f++)
        {
            var values = new List<FeatureValue>();
            for (var v = 0; v < valueCounts[f]; v++)
            {
                var count = rows.Count(r => r[f] == v);
                var expected = populationQuotas ? (double)panelSize / valueCounts[f] : (double)count / people * panelSize;
                var slack = Math.Max(1, expected * 0.15);
                values.Add(new FeatureValue($"v{v}", Math.Max(0, (int)Math.Floor(expected - slack)), Math.Min(count, (int)Math.Ceiling(expected + slack))));
            }

            features.Add(new Feature($"f{f}", values));
        }

        var pool = rows.Select((r, i) => new Person((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), r)).ToList();
        return new Pool(features, pool);
    }
}
