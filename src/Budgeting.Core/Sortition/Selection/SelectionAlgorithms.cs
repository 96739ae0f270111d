namespace Budgeting.Sortition.Selection;

/// <summary>The selection algorithms by name.</summary>
public static class SelectionAlgorithms
{
    /// <summary>The names accepted by <see cref="Create"/>; the first is the default.</summary>
    public static IReadOnlyList<string> Names { get; } = ["leximin", "maximin", "legacy"];

    /// <summary>The algorithm called <paramref name="name"/> (case-insensitive): leximin, maximin or legacy.</summary>
    /// <param name="name">The algorithm's name.</param>
    /// <param name="legacySeed">The seed of the legacy algorithm's runs.</param>
    /// <param name="legacyRuns">How many runs the legacy algorithm's estimate uses.</param>
    public static ISelectionAlgorithm Create(string name, string legacySeed = "legacy", int legacyRuns = 1000)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToUpperInvariant() switch
        {
            "LEXIMIN" => new Leximin(),
            "MAXIMIN" => new Leximin(firstLevelOnly: true),
            "LEGACY" => new LegacySelection(legacySeed, legacyRuns),
            _ => throw new ArgumentException($"Unknown selection algorithm '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
