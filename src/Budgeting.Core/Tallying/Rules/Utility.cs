namespace Budgeting.Tallying.Rules;

/// <summary>How much a voter gains from a funded project, for rules that measure satisfaction.</summary>
public enum Utility
{
    /// <summary>Cost utilities: an approved project is worth its cost; with points, points × cost.</summary>
    Cost,

    /// <summary>Cardinality utilities: an approved project is worth 1; with points, the points.</summary>
    Cardinality,
}
