using System.Globalization;
using System.Text;

namespace Budgeting.Tallying.Reports;

/// <summary>
/// Draws the funded projects against the budget as an SVG horizontal bar chart: a first bar for the whole budget with
/// the part spent filled in, then one bar per funded project (in funding order) whose length is its cost on the same
/// scale. Every bar is labelled with its name and amount in text, and the chart carries a title and a description,
/// so it reads without the picture. The output depends only on the input (invariant culture, fixed layout).
/// </summary>
public static class BudgetChart
{
    private const int Width = 820; // room right of the bars for "1,234,567 EUR of 9,876,543 EUR"
    private const int LabelWidth = 240;
    private const int BarWidth = 340;
    private const int Row = 28;
    private const int Bar = 18;
    private const int Top = 10;

    /// <summary>The chart of <paramref name="report"/>'s funded projects against its budget.</summary>
    public static string ToSvg(OutcomeReport report, string? currency = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ToSvg(report.Budget, report.Funded, currency);
    }

    /// <summary>The chart of <paramref name="funded"/> against <paramref name="budget"/> (amounts in the currency's smallest unit).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is not positive.</exception>
    public static string ToSvg(long budget, IReadOnlyList<ReportedProject> funded, string? currency = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        ArgumentNullException.ThrowIfNull(funded);
        var spent = funded.Sum(p => p.Cost);
        var height = Top * 2 + Row * (funded.Count + 1);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append("  <title id=\"chart-title\">Funded projects against the budget</title>\n");
        svg.Append("  <desc id=\"chart-desc\">").Append(Escape(
            $"{funded.Count} funded project{(funded.Count == 1 ? "" : "s")} cost {Amount(spent, currency)} of the budget of {Amount(budget, currency)}; {Amount(budget - spent, currency)} is left.")).Append("</desc>\n");

        var y = Top;
        svg.Append("  <g class=\"budget\">\n");
        Label(svg, y, "Budget");
        svg.Append(CultureInfo.InvariantCulture, $"    <rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{BarWidth}\" height=\"{Bar}\" fill=\"#e5e7eb\" stroke=\"#6b7280\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"    <rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Length(spent, budget)}\" height=\"{Bar}\" fill=\"#6b7280\"/>\n");
        Value(svg, y, $"{Amount(spent, currency)} of {Amount(budget, currency)}");
        svg.Append("  </g>\n");
        foreach (var project in funded)
        {
            y += Row;
            svg.Append("  <g class=\"project\">\n");
            Label(svg, y, project.Name ?? project.Id);
            svg.Append(CultureInfo.InvariantCulture, $"    <rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{Length(project.Cost, budget)}\" height=\"{Bar}\" fill=\"#2563eb\"/>\n");
            Value(svg, y, Amount(project.Cost, currency));
            svg.Append("  </g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    // A bar's length in pixels: amount / budget of the bar width, rounded down, at least 1 for a positive amount.
    private static long Length(long amount, long budget)
    {
        if (amount <= 0)
        {
            return 0;
        }

        var length = (long)(new System.Numerics.BigInteger(amount) * BarWidth / budget);
        return Math.Clamp(length, 1, BarWidth);
    }

    private static void Label(StringBuilder svg, int y, string text)
    {
        var shown = text.Length > 34 ? text[..33] + "…" : text;
        svg.Append(CultureInfo.InvariantCulture, $"    <text x=\"{LabelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\">").Append(Escape(shown)).Append("</text>\n");
    }

    private static void Value(StringBuilder svg, int y, string text) =>
        svg.Append(CultureInfo.InvariantCulture, $"    <text x=\"{LabelWidth + BarWidth + 8}\" y=\"{y + 14}\">").Append(Escape(text)).Append("</text>\n");

    private static string Amount(long amount, string? currency) => Budgeting.Elections.Money.Format(amount, currency);

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
