namespace Budgeting.Sortition;

/// <summary>Checks a concrete panel against the rules every selected panel must meet.</summary>
public static class PanelRules
{
    /// <summary>
    /// Every way <paramref name="panel"/> breaks the rules, in words (empty when it is valid): its size must be
    /// <paramref name="panelSize"/>; its members distinct valid person indices; each feature value's count within
    /// [min, max]; and no two members in the same household.
    /// </summary>
    public static IReadOnlyList<string> Problems(Pool pool, int panelSize, IReadOnlyList<int> panel)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(panel);
        var problems = new List<string>();
        if (panel.Count != panelSize)
        {
            problems.Add($"the panel has {panel.Count} members, not {panelSize}");
        }

        var seen = new HashSet<int>();
        var households = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = pool.Features.Select(f => new int[f.Values.Count]).ToArray();
        foreach (var index in panel)
        {
            if (index < 0 || index >= pool.People.Count)
            {
                problems.Add($"person index {index} is not in the pool");
                continue;
            }

            if (!seen.Add(index))
            {
                problems.Add($"person {pool.People[index].Id} is on the panel twice");
                continue;
            }

            var person = pool.People[index];
            for (var f = 0; f < pool.Features.Count; f++)
            {
                counts[f][person.ValueIndices[f]]++;
            }

            if (person.Household is not null)
            {
                if (households.TryGetValue(person.Household, out var other))
                {
                    problems.Add($"persons {pool.People[other].Id} and {person.Id} share a household");
                }
                else
                {
                    households[person.Household] = index;
                }
            }
        }

        for (var f = 0; f < pool.Features.Count; f++)
        {
            for (var v = 0; v < pool.Features[f].Values.Count; v++)
            {
                var value = pool.Features[f].Values[v];
                if (counts[f][v] < value.Min || counts[f][v] > value.Max)
                {
                    problems.Add($"{pool.Features[f].Name}={value.Name} has {counts[f][v]} members, outside [{value.Min}, {value.Max}]");
                }
            }
        }

        return problems;
    }
}
