namespace Budgeting.Sortition.Selection;

/// <summary>Which side of a quota: its minimum or its maximum.</summary>
public enum QuotaSide
{
    /// <summary>The fewest panel members with the value.</summary>
    Min,

    /// <summary>The most panel members with the value.</summary>
    Max,
}
