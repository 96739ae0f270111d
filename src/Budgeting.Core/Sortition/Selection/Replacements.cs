namespace Budgeting.Sortition.Selection;

/// <summary>
/// Replacements after dropouts (issue 3, section 6), with the same fairness machinery as the first draw: the residual
/// problem keeps the members who stay, lowers each quota by their count (min' = max(0, min − kept), max' = max − kept,
/// the flex bounds likewise), and draws as many people as dropped out from the candidates — everyone not on the panel
/// and in no kept member's household (a dropout's household may be drawn again). Any selection algorithm
/// (<see cref="Leximin"/> by default) then gives a distribution over replacement sets; kept ∪ set always meets the
/// original quotas and households.
/// </summary>
public static class Replacements
{
    /// <summary>The distribution over replacement sets for <paramref name="dropouts"/> of <paramref name="panel"/>.</summary>
    /// <param name="pool">The pool the panel was drawn from.</param>
    /// <param name="panel">The panel drawn (person indices).</param>
    /// <param name="dropouts">The members who dropped out (a subset of the panel).</param>
    /// <param name="algorithm">The algorithm to use on the residual problem; LEXIMIN when null.</param>
    /// <param name="excluded">People who may not be drawn as replacements although they are off the panel (person
    /// indices), for example the dropouts of earlier replacement rounds; none when null.</param>
    /// <exception cref="ArgumentException">A dropout is not on the panel.</exception>
    /// <exception cref="InfeasibleQuotasException">No replacement set restores the quotas.</exception>
    public static ReplacementDistribution Plan(Pool pool, IReadOnlyList<int> panel, IReadOnlyList<int> dropouts, ISelectionAlgorithm? algorithm = null, IReadOnlyCollection<int>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(dropouts);
        var onPanel = panel.ToHashSet();
        var dropped = dropouts.ToHashSet();
        if (!dropped.IsSubsetOf(onPanel))
        {
            throw new ArgumentException("Every dropout must be a member of the panel.", nameof(dropouts));
        }

        var kept = panel.Where(p => !dropped.Contains(p)).Order().ToList();
        var barred = excluded?.ToHashSet() ?? [];
        var keptHouseholds = kept.Select(p => pool.People[p].Household).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var candidates = Enumerable.Range(0, pool.People.Count)
            .Where(p => !onPanel.Contains(p) && !barred.Contains(p) && (pool.People[p].Household is not { } h || !keptHouseholds.Contains(h)))
            .ToList();

        var features = new List<Feature>();
        for (var f = 0; f < pool.Features.Count; f++)
        {
            var values = new List<FeatureValue>();
            for (var v = 0; v < pool.Features[f].Values.Count; v++)
            {
                var value = pool.Features[f].Values[v];
                var count = kept.Count(p => pool.People[p].ValueIndices[f] == v);
                values.Add(value with
                {
                    Min = Math.Max(0, value.Min - count),
                    Max = Math.Max(0, value.Max - count),
                    MinFlex = value.MinFlex is { } lo ? Math.Max(0, lo - count) : null,
                    MaxFlex = value.MaxFlex is { } hi ? Math.Max(0, hi - count) : null,
                });
            }

            features.Add(pool.Features[f] with { Values = values });
        }

        var residual = new Pool(features, candidates.Select(p => pool.People[p]).ToList(), pool.Columns);
        var size = dropped.Count;
        var distribution = (algorithm ?? new Leximin()).Select(residual, size);

        var people = new double[pool.People.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            people[candidates[i]] = distribution.PersonProbabilities[i];
        }

        var sets = distribution.Panels.Select(set => set.Select(i => candidates[i]).ToArray()).ToList();
        return new ReplacementDistribution(kept, candidates,
            new PanelDistribution(distribution.Algorithm, sets, distribution.PanelProbabilities, people));
    }
}
