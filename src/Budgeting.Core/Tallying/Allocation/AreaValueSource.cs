namespace Budgeting.Tallying.Allocation;

/// <summary>What set an area's value in an aggregate allocation.</summary>
public enum AreaValueSource
{
    /// <summary>A moving phantom: the median of the area's reports and phantoms was a phantom's value.</summary>
    Phantom,

    /// <summary>A moving phantom mechanism's median was a panelist's report.</summary>
    Report,

    /// <summary>The mean of the reports.</summary>
    Mean,

    /// <summary>The coordinate-wise median of the reports, rescaled so that the areas add up to the budget.</summary>
    Median,
}
