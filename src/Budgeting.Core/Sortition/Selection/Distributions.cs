namespace Budgeting.Sortition.Selection;

/// <summary>Builds <see cref="PanelDistribution"/> values from weighted panels.</summary>
internal static class Distributions
{
    /// <summary>Panels whose weight is below this share of the total are numerical noise from the LP and are dropped.</summary>
    public const double Negligible = 1e-12;

    /// <summary>
    /// Drops negligible panels, scales the weights to sum to 1, sorts panels by decreasing probability (ties by their
    /// members, lexicographically) and computes each person's probability as the sum over the panels holding them.
    /// </summary>
    public static PanelDistribution Normalise(string algorithm, Pool pool, IReadOnlyList<int[]> panels, IReadOnlyList<double> weights)
    {
        var total = weights.Where(w => w > 0).Sum();
        var kept = Enumerable.Range(0, panels.Count)
            .Where(i => weights[i] > Negligible * total)
            .ToList();
        var keptTotal = kept.Sum(i => weights[i]);
        var order = kept
            .Select(i => (Panel: panels[i], Probability: weights[i] / keptTotal))
            .OrderByDescending(x => x.Probability)
            .ThenBy(x => x.Panel, Comparer<int[]>.Create(CompareMembers))
            .ToList();
        var people = new double[pool.People.Count];
        foreach (var (panel, probability) in order)
        {
            foreach (var person in panel)
            {
                people[person] += probability;
            }
        }

        return new PanelDistribution(algorithm, order.Select(x => x.Panel).ToList(), order.Select(x => x.Probability).ToList(), people);
    }

    private static int CompareMembers(int[] a, int[] b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
