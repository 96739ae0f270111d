namespace Budgeting.Sortition.Lottery;

/// <summary>Checks a panel against the pool's rules: its size, every quota, and at most one person per household.</summary>
public static class PanelCheck
{
    /// <summary>
    /// What is wrong with <paramref name="panel"/> (person indices into <paramref name="pool"/>) as a panel of
    /// <paramref name="size"/>: one message per broken rule; empty when the panel is valid.
    /// </summary>
    public static IReadOnlyList<string> Violations(Pool pool, IReadOnlyList<int> panel, int size)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(panel);
        var problems = new List<string>();
        if (panel.Count != size)
        {
            problems.Add($"has {panel.Count} members, not {size}");
        }

        if (panel.Distinct().Count() != panel.Count)
        {
            problems.Add("names a person twice");
        }

        for (var f = 0; f < pool.Features.Count; f++)
        {
            var feature = pool.Features[f];
            var counts = new int[feature.Values.Count];
            foreach (var i in panel)
            {
                counts[pool.People[i].ValueIndices[f]]++;
            }

            for (var v = 0; v < feature.Values.Count; v++)
            {
                var value = feature.Values[v];
                if (counts[v] < value.Min || counts[v] > value.Max)
                {
                    problems.Add($"has {counts[v]} with {feature.Name} = {value.Name}, outside the quota {value.Min}..{value.Max}");
                }
            }
        }

        foreach (var household in panel.Select(i => pool.People[i].Household).OfType<string>().GroupBy(h => h, StringComparer.Ordinal))
        {
            if (household.Count() > 1)
            {
                problems.Add($"has {household.Count()} members of household '{household.Key}'");
            }
        }

        return problems;
    }
}
