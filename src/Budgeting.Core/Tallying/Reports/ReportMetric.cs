using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Reports;

/// <summary>One voter metric as an outcome report shows it.</summary>
/// <param name="Key">A stable machine name, used as the JSON key, for example <c>noFundedProjectShare</c>.</param>
/// <param name="Label">What it measures, for people, for example "voters with no funded project".</param>
/// <param name="Value">The exact value, when the metric is a number.</param>
/// <param name="Holds">Whether the property holds, when the metric is a check (for example EJR up to one).</param>
/// <param name="Detail">A sentence explaining the value, or why the metric was not computed.</param>
public sealed record ReportMetric(string Key, string Label, Rational? Value = null, bool? Holds = null, string? Detail = null);
