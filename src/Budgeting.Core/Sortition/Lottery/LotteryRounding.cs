namespace Budgeting.Sortition.Lottery;

/// <summary>
/// Rounds a distribution over panels to a uniform lottery over m slots (Flanigan, Kehne and Procaccia, "Fair sortition
/// made transparent", NeurIPS 2021), deterministically, by Beck–Fiala iterative rounding.
/// </summary>
/// <remarks>
/// <para>
/// Each panel j gets m·p_j slots in expectation; its integer part is kept and the fractional parts x_j ∈ (0, 1) are
/// rounded to 0 or 1. While some x_j are fractional ("floating"), the people who are on at least k + 2 floating panels
/// are "active". The linear system "every active person's sum of x over their floating panels stays the same, and the
/// sum of all x stays the same" has fewer equations than unknowns (each floating panel has k members, so
/// (k + 2)·active ≤ k·floating, hence active + 1 &lt; floating), so it has a non-zero solution d. x moves along ±d
/// (the direction with the shorter step; + on a tie) until a floating x_j reaches 0 or 1. This repeats until no
/// x_j is fractional.
/// </para>
/// <para>
/// Bound: a person's sum is exact while they are active; once inactive they are on at most k + 1 floating panels, each
/// of whose x moves by less than 1. So each person's slot count differs from m times their probability by less than
/// k + 1, and their probability moves by less than (k + 1)/m; the total number of slots is exactly m. The paper proves
/// bounds of this order with the same Beck–Fiala argument; it also minimises the change by an integer program, which
/// we do not (the bound here is guaranteed, and the realised change is reported).
/// </para>
/// <para>
/// Arithmetic is IEEE double (the input probabilities are doubles, from an LP) with a tolerance of 1e-9 when snapping
/// x to 0 or 1; every operation is deterministic, so the same input gives the same lottery on every run and machine.
/// </para>
/// </remarks>
public static class LotteryRounding
{
    /// <summary>The default number of slots.</summary>
    public const int DefaultSlots = 1000;

    private const double Tolerance = 1e-9;

    /// <summary>Rounds <paramref name="distribution"/> to a uniform lottery over <paramref name="m"/> slots.</summary>
    /// <exception cref="ArgumentException">The distribution is empty, has negative probabilities, or panels of different sizes.</exception>
    public static UniformLottery Round(PanelDistribution distribution, int m = DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        var people = distribution.PersonProbabilities.Count;
        var (panels, probabilities) = Merge(distribution, people);
        var k = panels[0].Length;
        if (panels.Any(p => p.Length != k))
        {
            throw new ArgumentException("The panels of the distribution have different sizes.", nameof(distribution));
        }

        var total = probabilities.Sum();
        var before = new double[people];
        var whole = new long[panels.Count];
        var x = new double[panels.Count];
        long fixedSlots = 0;
        for (var j = 0; j < panels.Count; j++)
        {
            var p = probabilities[j] / total;
            foreach (var i in panels[j])
            {
                before[i] += p;
            }

            var scaled = p * m;
            whole[j] = (long)Math.Floor(scaled + Tolerance);
            x[j] = Math.Max(0, scaled - whole[j]);
            fixedSlots += whole[j];
        }

        var roundUps = m - fixedSlots;
        var fractionSum = x.Sum();
        if (roundUps < 0 || Math.Abs(fractionSum - roundUps) > 1e-6 * Math.Max(1, panels.Count))
        {
            throw new ArgumentException("The panel probabilities do not sum to 1.", nameof(distribution));
        }

        if (roundUps > 0)
        {
            // Make the fractional parts sum to the whole number of round-ups exactly (up to double rounding).
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = Math.Min(1, x[j] * roundUps / fractionSum);
            }
        }

        RoundFractions(panels, people, k, x);
        var up = new bool[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            up[j] = x[j] >= 0.5;
        }

        Repair(up, x, roundUps);
        var slots = new List<int[]>(m);
        var selections = new int[people];
        for (var j = 0; j < panels.Count; j++)
        {
            var count = whole[j] + (up[j] ? 1 : 0);
            for (var c = 0; c < count; c++)
            {
                slots.Add(panels[j]);
                foreach (var i in panels[j])
                {
                    selections[i]++;
                }
            }
        }

        return new UniformLottery(distribution.Algorithm, k, slots, before, selections, (double)(k + 1) / m);
    }

    // Identical panels are merged and the panels sorted lexicographically, so the lottery depends only on the distribution.
    private static (List<int[]> Panels, List<double> Probabilities) Merge(PanelDistribution distribution, int people)
    {
        if (distribution.Panels.Count == 0 || distribution.Panels.Count != distribution.PanelProbabilities.Count)
        {
            throw new ArgumentException("The distribution has no panels, or not one probability per panel.", nameof(distribution));
        }

        var merged = new SortedDictionary<int[], double>(PanelComparer.Instance);
        for (var j = 0; j < distribution.Panels.Count; j++)
        {
            var probability = distribution.PanelProbabilities[j];
            if (!(probability >= 0) || double.IsInfinity(probability))
            {
                throw new ArgumentException($"Panel {j} has probability {probability}.", nameof(distribution));
            }

            var panel = distribution.Panels[j].Order().ToArray();
            if (panel.Length == 0 || panel[0] < 0 || panel[^1] >= people || panel.Distinct().Count() != panel.Length)
            {
                throw new ArgumentException($"Panel {j} is empty, repeats a person or names a person outside the pool.", nameof(distribution));
            }

            if (probability > 0)
            {
                merged[panel] = merged.GetValueOrDefault(panel) + probability;
            }
        }

        if (merged.Count == 0)
        {
            throw new ArgumentException("No panel has a positive probability.", nameof(distribution));
        }

        return ([.. merged.Keys], [.. merged.Values]);
    }

    private static void RoundFractions(List<int[]> panels, int people, int k, double[] x)
    {
        var floating = new List<int>();
        var onFloating = new int[people];
        while (true)
        {
            floating.Clear();
            Array.Clear(onFloating);
            for (var j = 0; j < x.Length; j++)
            {
                if (x[j] <= Tolerance)
                {
                    x[j] = 0;
                }
                else if (x[j] >= 1 - Tolerance)
                {
                    x[j] = 1;
                }
                else
                {
                    floating.Add(j);
                    foreach (var i in panels[j])
                    {
                        onFloating[i]++;
                    }
                }
            }

            if (floating.Count <= 1)
            {
                // With the fractions summing to a whole number, a lone fractional value is rounding noise.
                return;
            }

            var active = new List<int>();
            for (var i = 0; i < people; i++)
            {
                if (onFloating[i] >= k + 2)
                {
                    active.Add(i);
                }
            }

            // Columns: the first active + 2 floating panels (at most all of them, as active + 1 < floating).
            var columns = floating.Take(Math.Min(floating.Count, active.Count + 2)).ToArray();
            var direction = NullDirection(panels, active, columns);
            Step(x, columns, direction);
        }
    }

    // A non-zero d over the columns with Σ_columns d = 0 and, for each active person, Σ over their columns of d = 0.
    private static double[] NullDirection(List<int[]> panels, List<int> active, int[] columns)
    {
        var rows = active.Count + 1;
        var width = columns.Length;
        var matrix = new double[rows, width];
        var rowOf = new Dictionary<int, int>(active.Count);
        for (var r = 0; r < active.Count; r++)
        {
            rowOf[active[r]] = r;
        }

        for (var c = 0; c < width; c++)
        {
            matrix[rows - 1, c] = 1;
            foreach (var i in panels[columns[c]])
            {
                if (rowOf.TryGetValue(i, out var r))
                {
                    matrix[r, c] = 1;
                }
            }
        }

        // Reduced row echelon form with partial pivoting.
        var pivotColumn = new List<int>();
        var isPivot = new bool[width];
        var row = 0;
        for (var c = 0; c < width && row < rows; c++)
        {
            var best = row;
            for (var r = row + 1; r < rows; r++)
            {
                if (Math.Abs(matrix[r, c]) > Math.Abs(matrix[best, c]))
                {
                    best = r;
                }
            }

            if (Math.Abs(matrix[best, c]) < 1e-12)
            {
                continue;
            }

            for (var cc = 0; cc < width; cc++)
            {
                (matrix[row, cc], matrix[best, cc]) = (matrix[best, cc], matrix[row, cc]);
            }

            var pivot = matrix[row, c];
            for (var cc = 0; cc < width; cc++)
            {
                matrix[row, cc] /= pivot;
            }

            for (var r = 0; r < rows; r++)
            {
                var factor = matrix[r, c];
                if (r != row && factor != 0)
                {
                    for (var cc = 0; cc < width; cc++)
                    {
                        matrix[r, cc] -= factor * matrix[row, cc];
                    }
                }
            }

            pivotColumn.Add(c);
            isPivot[c] = true;
            row++;
        }

        var free = Array.IndexOf(isPivot, false);
        if (free < 0)
        {
            throw new InvalidOperationException("Internal error: the rounding system has no free direction.");
        }

        var direction = new double[width];
        direction[free] = 1;
        for (var r = 0; r < pivotColumn.Count; r++)
        {
            direction[pivotColumn[r]] = -matrix[r, free];
        }

        return direction;
    }

    private static void Step(double[] x, int[] columns, double[] direction)
    {
        double Limit(int sign, out int hit)
        {
            var limit = double.PositiveInfinity;
            hit = -1;
            for (var c = 0; c < columns.Length; c++)
            {
                var d = sign * direction[c];
                var value = x[columns[c]];
                var room = d > 1e-15 ? (1 - value) / d : d < -1e-15 ? value / -d : double.PositiveInfinity;
                if (room < limit)
                {
                    limit = room;
                    hit = c;
                }
            }

            return limit;
        }

        var up = Limit(1, out var hitUp);
        var down = Limit(-1, out var hitDown);
        var sign = up <= down ? 1 : -1;
        var step = sign == 1 ? up : down;
        var hit = sign == 1 ? hitUp : hitDown;
        for (var c = 0; c < columns.Length; c++)
        {
            x[columns[c]] = Math.Clamp(x[columns[c]] + sign * step * direction[c], 0, 1);
        }

        // The panel that limited the step lands exactly on its bound.
        x[columns[hit]] = sign * direction[hit] > 0 ? 1 : 0;
    }

    // Rounding noise could leave the number of round-ups off by one; fix it on the values closest to 1/2 (never expected).
    private static void Repair(bool[] up, double[] x, long roundUps)
    {
        var count = up.Count(u => u);
        while (count != roundUps)
        {
            var wantUp = count < roundUps;
            var best = -1;
            for (var j = 0; j < x.Length; j++)
            {
                if (up[j] != wantUp && (best < 0 || Math.Abs(x[j] - 0.5) < Math.Abs(x[best] - 0.5)))
                {
                    best = j;
                }
            }

            up[best] = wantUp;
            count += wantUp ? 1 : -1;
        }
    }
}
