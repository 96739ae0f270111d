using System.Numerics;

namespace Budgeting.Sortition.Selection;

/// <summary>
/// Turns a distribution over type panels (a count per type) into one over concrete panels of people, giving every
/// person of a type the same probability. For a type panel with probability q taking x of a type's n people, the
/// type's people are used in cyclic blocks: rotation r (r = 0 … m−1, m = n / gcd(x, n)) takes the x people starting at
/// position r·x (mod n), and over the m rotations each person is taken exactly x / gcd(x, n) times. All types share one
/// position u ∈ [0, 1): type t uses rotation ⌊u·m_t⌋. The panel's probability is split at the breakpoints r/m_t into
/// intervals, each one concrete panel with probability q × its length. Identical concrete panels are merged.
/// </summary>
internal static class PanelExpansion
{
    /// <summary>Expands the type panels; returns concrete panels (ascending person indices) and their probabilities, in a deterministic order.</summary>
    public static (List<int[]> Panels, List<double> Probabilities) Expand(PersonTypes types, IReadOnlyList<int[]> typePanels, IReadOnlyList<double> probabilities)
    {
        var merged = new Dictionary<string, int>(StringComparer.Ordinal);
        var panels = new List<int[]>();
        var weights = new List<double>();
        for (var i = 0; i < typePanels.Count; i++)
        {
            var counts = typePanels[i];
            var q = probabilities[i];
            if (q <= 0)
            {
                continue;
            }

            var rotations = new long[counts.Length];
            var breakpoints = new SortedSet<(long Num, long Den)>(Comparer<(long Num, long Den)>.Create((a, b) => (a.Num * b.Den).CompareTo(b.Num * a.Den)));
            breakpoints.Add((0, 1));
            for (var t = 0; t < counts.Length; t++)
            {
                var n = types.Members[t].Length;
                var x = counts[t];
                rotations[t] = x == 0 || x == n ? 1 : n / (long)BigInteger.GreatestCommonDivisor(x, n);
                for (long r = 1; r < rotations[t]; r++)
                {
                    var g = (long)BigInteger.GreatestCommonDivisor(r, rotations[t]);
                    breakpoints.Add((r / g, rotations[t] / g));
                }
            }

            var points = breakpoints.ToList();
            for (var b = 0; b < points.Count; b++)
            {
                var (num, den) = points[b];
                var next = b + 1 < points.Count ? points[b + 1] : (1L, 1L);
                var length = (double)next.Item1 / next.Item2 - (double)num / den;
                var members = new List<int>();
                for (var t = 0; t < counts.Length; t++)
                {
                    var x = counts[t];
                    if (x == 0)
                    {
                        continue;
                    }

                    var people = types.Members[t];
                    var rotation = num * rotations[t] / den; // ⌊u·m_t⌋ at the interval's start u = num/den
                    var start = rotation * x % people.Length;
                    for (var j = 0; j < x; j++)
                    {
                        members.Add(people[(start + j) % people.Length]);
                    }
                }

                members.Sort();
                var panel = members.ToArray();
                var key = string.Join(',', panel);
                if (merged.TryGetValue(key, out var index))
                {
                    weights[index] += q * length;
                }
                else
                {
                    merged[key] = panels.Count;
                    panels.Add(panel);
                    weights.Add(q * length);
                }
            }
        }

        return (panels, weights);
    }
}
