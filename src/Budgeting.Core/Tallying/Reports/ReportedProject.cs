namespace Budgeting.Tallying.Reports;

/// <summary>A funded project as an outcome report lists it.</summary>
/// <param name="Id">The project's id.</param>
/// <param name="Name">Its name, when the election gives one.</param>
/// <param name="Cost">What it costs, in the smallest currency unit.</param>
/// <param name="Score">Its score recomputed from the ballots (approvals, points, or Borda-like ordinal score).</param>
/// <param name="Supporters">How many voters named it on their ballot.</param>
public sealed record ReportedProject(string Id, string? Name, long Cost, long Score, long Supporters);
