using Budgeting.Sortition.Selection;

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
/// (k + 2)·active ≤ k·floating, hence active + 1 &lt; floating), so it has a non-zero solution d (found over the first
/// 2·(active + 2) floating panels, reusing one echelon form for many steps). x moves along ±d
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
/// Type level (<see cref="Round(PanelDistribution, Pool, int)"/>, the only entry point): people with the same feature
/// values who share a household with nobody, and who have the same probability before rounding, are interchangeable,
/// so a panel is also a count c_t per type t, and the same iteration runs with a row per type (weight c_t in each type
/// panel's column) instead of a row per person; the sum row keeps the total m. A type of n people is active while its
/// weight over floating panels is at least max(k·n, k + 2) (k + 2 for a lone person, as at the person level; every
/// threshold is at least k + 2, so the counting argument above still gives a free direction unless a type's weight is
/// concentrated on very few floating panels; should a step find none, the rounding runs again with every person a
/// type of their own, which is the person-level rounding and always finds one). Weights are integers, so an inactive
/// type's floating weight is at most its threshold − 1, and its total slot count S_t moves by less than that from then
/// on. The slots of each type panel take each type's people cyclically, one running position per type across all
/// slots, so each of a type's n people gets ⌊S_t/n⌋ or ⌈S_t/n⌉ slots, and m times each one's probability is E_t/n. So a
/// person of a type of n ≥ 2 moves by less than (max(k·n, k + 2) − 1)/n + (n − 1)/n slots, which is below k + 1 (for
/// k·n ≥ k + 2 it is k + (n − 2)/n; otherwise k = 1, n = 2 and it is 3/2), and a lone person by |S_t − E_t| &lt; k + 1:
/// the bound (k + 1)/m is unchanged. Types are split by probability (within 1e-9) rather than abandoned, so the legacy
/// algorithm's unequal estimates only make more, smaller types.
/// Every slot has the type counts of a panel of the distribution, so it meets the same quotas and households. With a
/// handful of types the system has a handful of rows instead of one per person (example_large_200: 4 types, 2,000 people).
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

    /// <summary>
    /// Rounds <paramref name="distribution"/> over <paramref name="pool"/> to a uniform lottery over <paramref name="m"/>
    /// slots, at the level of types of interchangeable people (see the remarks on the class): people with the same
    /// feature values who share a household with nobody, split further by their probability before rounding. Should the
    /// type-level system find no free direction, the rounding runs with every person a type of their own, whose system
    /// always has one. Every person moves by less than (k + 1)/m either way.
    /// </summary>
    /// <exception cref="ArgumentException">The distribution is empty, has negative probabilities or panels of different
    /// sizes, or the pool is not the distribution's.</exception>
    public static UniformLottery Round(PanelDistribution distribution, Pool pool, int m = DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        var people = distribution.PersonProbabilities.Count;
        if (pool.People.Count != people)
        {
            throw new ArgumentException("The pool and the distribution have different numbers of people.", nameof(pool));
        }

        var (panels, probabilities, before) = Prepare(distribution, people);
        return RoundTypes(distribution.Algorithm, panels, probabilities, before, Types(PersonTypes.Build(pool), before), m)
            ?? RoundPeople(distribution, m);
    }

    /// <summary>
    /// The rounding with a row per person (every person a type of their own): the fallback of
    /// <see cref="Round(PanelDistribution, Pool, int)"/>, and what the tests of the Beck–Fiala bound exercise directly
    /// on distributions without a pool. Its system always has a free direction, but it is slow on large pools.
    /// </summary>
    internal static UniformLottery RoundPeople(PanelDistribution distribution, int m = DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        var people = distribution.PersonProbabilities.Count;
        var (panels, probabilities, before) = Prepare(distribution, people);
        var lone = Enumerable.Range(0, people).Select(i => new[] { i }).ToList();
        return RoundTypes(distribution.Algorithm, panels, probabilities, before, (lone, Enumerable.Range(0, people).ToArray()), m)
            ?? throw new InvalidOperationException("Internal error: the rounding system has no free direction.");
    }

    private static (List<int[]> Panels, List<double> Probabilities, double[] Before) Prepare(PanelDistribution distribution, int people)
    {
        var (panels, probabilities) = Merge(distribution, people);
        var k = panels[0].Length;
        if (panels.Any(p => p.Length != k))
        {
            throw new ArgumentException("The panels of the distribution have different sizes.", nameof(distribution));
        }

        return (panels, probabilities, Before(panels, probabilities, people));
    }

    // The types of PersonTypes, each split by probability before rounding (within 1e-9 of a subtype's first member, in
    // person order), so that all people of a type have the same probability; a type that needs no split keeps its place.
    private static (List<int[]> Members, int[] TypeOf) Types(PersonTypes types, double[] before)
    {
        var members = new List<int[]>();
        var typeOf = new int[before.Length];
        foreach (var type in types.Members)
        {
            var groups = new List<List<int>>();
            foreach (var person in type)
            {
                var group = groups.Find(g => Math.Abs(before[g[0]] - before[person]) <= 1e-9);
                if (group is null)
                {
                    groups.Add(group = []);
                }

                group.Add(person);
            }

            foreach (var group in groups)
            {
                foreach (var person in group)
                {
                    typeOf[person] = members.Count;
                }

                members.Add([.. group]);
            }
        }

        return (members, typeOf);
    }

    // The rounding over types (see the class remarks); null when the system has no free direction.
    private static UniformLottery? RoundTypes(
        string algorithm, List<int[]> panels, List<double> probabilities, double[] before, (List<int[]> Members, int[] TypeOf) types, int m)
    {
        var k = panels[0].Length;
        var people = before.Length;
        var typeCount = types.Members.Count;

        // Type panels: a count per type, merged and sorted lexicographically.
        var merged = new SortedDictionary<int[], double>(PanelComparer.Instance);
        foreach (var (panel, probability) in panels.Zip(probabilities))
        {
            var counts = new int[typeCount];
            foreach (var i in panel)
            {
                counts[types.TypeOf[i]]++;
            }

            merged[counts] = merged.GetValueOrDefault(counts) + probability;
        }

        var typePanels = merged.Keys.ToList();
        var (whole, x, roundUps) = Fractions([.. merged.Values], m);
        var entries = new int[typePanels.Count][];
        var weights = new int[typePanels.Count][];
        for (var j = 0; j < typePanels.Count; j++)
        {
            entries[j] = [.. Enumerable.Range(0, typeCount).Where(t => typePanels[j][t] > 0)];
            weights[j] = [.. entries[j].Select(t => typePanels[j][t])];
        }

        // A type of n people stays active while its floating weight reaches max(k·n, k + 2): k + 2 for a lone person.
        var threshold = types.Members.Select(p => Math.Max(k * p.Length, k + 2)).ToArray();
        if (!RoundFractions(entries, weights, threshold, x))
        {
            return null;
        }

        var up = new bool[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            up[j] = x[j] >= 0.5;
        }

        Repair(up, x, roundUps);

        // Each slot of a type panel takes its count of each type's people cyclically, continuing where the last slot stopped.
        var next = new int[typeCount];
        var slots = new List<int[]>(m);
        var selections = new int[people];
        for (var j = 0; j < typePanels.Count; j++)
        {
            var count = whole[j] + (up[j] ? 1 : 0);
            for (var c = 0; c < count; c++)
            {
                var panel = new int[k];
                var filled = 0;
                foreach (var t in entries[j])
                {
                    var members = types.Members[t];
                    for (var taken = 0; taken < typePanels[j][t]; taken++)
                    {
                        panel[filled++] = members[next[t]];
                        next[t] = (next[t] + 1) % members.Length;
                    }
                }

                Array.Sort(panel);
                slots.Add(panel);
                foreach (var i in panel)
                {
                    selections[i]++;
                }
            }
        }

        slots.Sort(PanelComparer.Instance);
        return new UniformLottery(algorithm, k, slots, before, selections, (double)(k + 1) / m);
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

    // Column j has weight weights[j][e] in row entries[j][e]; row i is active while its weight over floating columns
    // reaches threshold[i]. Returns false when a step finds no free direction (never for people-level rounding).
    private static bool RoundFractions(int[][] entries, int[][] weights, int[] threshold, double[] x)
    {
        var rowCount = threshold.Length;
        var floating = new List<int>();
        var onFloating = new long[rowCount];
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
                    for (var e = 0; e < entries[j].Length; e++)
                    {
                        onFloating[entries[j][e]] += weights[j][e];
                    }
                }
            }

            if (floating.Count <= 1)
            {
                // With the fractions summing to a whole number, a lone fractional value is rounding noise.
                return true;
            }

            var active = new List<int>();
            for (var i = 0; i < rowCount; i++)
            {
                if (onFloating[i] >= threshold[i])
                {
                    active.Add(i);
                }
            }

            // Columns: the first 2·(active + 2) floating panels (at most all of them).
            var columns = floating.Take(Math.Min(floating.Count, 2 * (active.Count + 2))).ToArray();
            if (!RoundBlock(entries, weights, active, columns, x))
            {
                return false;
            }
        }
    }

    // Builds the system over `columns` (a row per active person, and the sum row) in reduced row echelon form, then
    // takes one step per free column: along the free column's null vector until a panel reaches 0 or 1. A free column
    // that lands is simply retired; a pivot column that lands is swapped out of the basis for the free column (one
    // elimination pass) and retired. Retired columns have 0 in every remaining null vector, so they stay put.
    private static bool RoundBlock(int[][] entries, int[][] weights, List<int> active, int[] columns, double[] x)
    {
        var rows = active.Count + 1;
        var width = columns.Length;
        var matrix = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            matrix[r] = new double[width];
        }

        var rowOf = new Dictionary<int, int>(active.Count);
        for (var r = 0; r < active.Count; r++)
        {
            rowOf[active[r]] = r;
        }

        for (var c = 0; c < width; c++)
        {
            matrix[rows - 1][c] = 1;
            var column = columns[c];
            for (var e = 0; e < entries[column].Length; e++)
            {
                if (rowOf.TryGetValue(entries[column][e], out var r))
                {
                    matrix[r][c] = weights[column][e];
                }
            }
        }

        var pivotOfRow = new List<int>();
        var rowOfPivot = new int[width];
        Array.Fill(rowOfPivot, -1);
        var row = 0;
        for (var c = 0; c < width && row < rows; c++)
        {
            var best = row;
            for (var r = row + 1; r < rows; r++)
            {
                if (Math.Abs(matrix[r][c]) > Math.Abs(matrix[best][c]))
                {
                    best = r;
                }
            }

            if (Math.Abs(matrix[best][c]) < 1e-12)
            {
                continue;
            }

            (matrix[row], matrix[best]) = (matrix[best], matrix[row]);

            Pivot(matrix, row, c);
            pivotOfRow.Add(c);
            rowOfPivot[c] = row;
            row++;
        }

        var free = new List<int>();
        for (var c = 0; c < width; c++)
        {
            if (rowOfPivot[c] < 0)
            {
                free.Add(c);
            }
        }

        if (free.Count == 0)
        {
            return false;
        }

        var direction = new double[width];
        while (free.Count > 0)
        {
            var f = free[0];
            Array.Clear(direction);
            direction[f] = 1;
            for (var r = 0; r < pivotOfRow.Count; r++)
            {
                direction[pivotOfRow[r]] = -matrix[r][f];
            }

            var hit = Step(x, columns, direction);
            free.RemoveAt(0);
            if (hit != f && rowOfPivot[hit] is var r2 and >= 0)
            {
                // The landed pivot column leaves the basis; f (which moved it, so matrix[r2][f] ≠ 0) enters.
                Pivot(matrix, r2, f);
                pivotOfRow[r2] = f;
                rowOfPivot[f] = r2;
                rowOfPivot[hit] = -1;
            }
            else if (hit != f)
            {
                // A free column other than f cannot move along f's vector; retire it anyway.
                free.Remove(hit);
                free.Insert(0, f);
            }
        }

        return true;
    }

    // Scales row `row` so that column c is 1 and clears column c from every other row.
    private static void Pivot(double[][] matrix, int row, int c)
    {
        var source = matrix[row].AsSpan();
        var pivot = source[c];
        for (var cc = 0; cc < source.Length; cc++)
        {
            source[cc] /= pivot;
        }

        for (var r = 0; r < matrix.Length; r++)
        {
            var target = matrix[r].AsSpan();
            var factor = target[c];
            if (r != row && factor != 0)
            {
                for (var cc = 0; cc < target.Length; cc++)
                {
                    target[cc] -= factor * source[cc];
                }
            }
        }
    }

    // Moves x along ±direction (the shorter step; + on a tie) until a column reaches 0 or 1; returns that column.
    private static int Step(double[] x, int[] columns, double[] direction)
    {
        double Limit(int sign, out int hit)
        {
            var limit = double.PositiveInfinity;
            hit = -1;
            for (var c = 0; c < columns.Length; c++)
            {
                var d = sign * direction[c];
                var value = x[columns[c]];
                var room = d > 1e-12 ? (1 - value) / d : d < -1e-12 ? value / -d : double.PositiveInfinity;
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
        return hit;
    }

    // Each person's probability: the sum over their panels, the probabilities normalised to sum to 1.
    private static double[] Before(List<int[]> panels, List<double> probabilities, int people)
    {
        var total = probabilities.Sum();
        var before = new double[people];
        for (var j = 0; j < panels.Count; j++)
        {
            var p = probabilities[j] / total;
            foreach (var i in panels[j])
            {
                before[i] += p;
            }
        }

        return before;
    }

    // Splits m·p_j into whole slots and a fractional part; the fractional parts are scaled to sum to the round-ups.
    private static (long[] Whole, double[] X, long RoundUps) Fractions(List<double> probabilities, int m)
    {
        var total = probabilities.Sum();
        var whole = new long[probabilities.Count];
        var x = new double[probabilities.Count];
        long fixedSlots = 0;
        for (var j = 0; j < probabilities.Count; j++)
        {
            var scaled = probabilities[j] / total * m;
            whole[j] = (long)Math.Floor(scaled + Tolerance);
            x[j] = Math.Max(0, scaled - whole[j]);
            fixedSlots += whole[j];
        }

        var roundUps = m - fixedSlots;
        var fractionSum = x.Sum();
        if (roundUps < 0 || Math.Abs(fractionSum - roundUps) > 1e-6 * Math.Max(1, probabilities.Count))
        {
            throw new ArgumentException("The panel probabilities do not sum to 1.", "distribution");
        }

        if (roundUps > 0)
        {
            // Make the fractional parts sum to the whole number of round-ups exactly (up to double rounding).
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = Math.Min(1, x[j] * roundUps / fractionSum);
            }
        }

        return (whole, x, roundUps);
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
