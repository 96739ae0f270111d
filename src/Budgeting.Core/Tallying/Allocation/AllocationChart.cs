using System.Globalization;
using System.Text;
using Budgeting.Arithmetic;
using Budgeting.Tallying.Reports;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Draws an <see cref="AllocationReport"/> as an SVG chart: one row per area on a common axis from 0 to the budget,
/// with the proposals' spread (a line from the smallest to the largest proposal, a box from the lower to the upper
/// quartile, a tick at the median), the mean (a hollow circle) and the outcome (a filled diamond). The output depends
/// only on the report: coordinates are computed exactly and printed with two decimals in invariant culture.
/// </summary>
public static class AllocationChart
{
    private const int Left = 170;
    private const int PlotWidth = 500;
    private const int Top = 40;
    private const int Row = 36;

    /// <summary>The chart as an SVG document, ending with a newline.</summary>
    public static string ToSvg(AllocationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcome = report.Outcome;
        var areas = outcome.Areas.Count;
        var height = Top + (areas * Row) + 70;
        var width = Left + PlotWidth + 40;
        var svg = new StringBuilder();
        void Line(string line) => svg.Append(line).Append('\n');
        string X(Rational amount) => RationalText.Decimal(Left + (amount * PlotWidth / outcome.Budget), 2);
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        Line(I($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        Line(I($"  <title>{Escape($"Allocation by {outcome.Rule}: proposals per area and the outcome")}</title>"));
        Line(I($"  <text x=\"{Left}\" y=\"20\" font-weight=\"bold\">{Escape($"{outcome.Rule}, budget {outcome.Budget}, {report.Panelists} panelists")}</text>"));
        var axis = Top + (areas * Row);
        for (var tick = 0; tick <= 4; tick++)
        {
            var x = X(new Rational(outcome.Budget * tick, 4));
            Line(I($"  <line x1=\"{x}\" y1=\"{Top - 6}\" x2=\"{x}\" y2=\"{axis}\" stroke=\"#ddd\"/>"));
            Line(I($"  <text x=\"{x}\" y=\"{axis + 16}\" text-anchor=\"middle\">{tick * 25} %</text>"));
        }

        for (var j = 0; j < areas; j++)
        {
            var s = report.Spreads[j];
            var y = Top + (j * Row) + (Row / 2);
            Line(I($"  <g id=\"area-{j}\">"));
            Line(I($"    <text x=\"{Left - 10}\" y=\"{y + 4}\" text-anchor=\"end\">{Escape(outcome.Areas[j])}</text>"));
            Line(I($"    <line x1=\"{X(s.Min)}\" y1=\"{y}\" x2=\"{X(s.Max)}\" y2=\"{y}\" stroke=\"#888\"/>"));
            var q1 = Left + (new Rational(s.LowerQuartile, 1) * PlotWidth / outcome.Budget);
            var q3 = Left + (new Rational(s.UpperQuartile, 1) * PlotWidth / outcome.Budget);
            Line(I($"    <rect x=\"{X(s.LowerQuartile)}\" y=\"{y - 8}\" width=\"{RationalText.Decimal(q3 - q1, 2)}\" height=\"16\" fill=\"#cfe0f3\" stroke=\"#4a78a8\"/>"));
            Line(I($"    <line x1=\"{X(s.Median)}\" y1=\"{y - 8}\" x2=\"{X(s.Median)}\" y2=\"{y + 8}\" stroke=\"#4a78a8\" stroke-width=\"2\"/>"));
            Line(I($"    <circle cx=\"{X(report.MeanFractions[j] * outcome.Budget)}\" cy=\"{y}\" r=\"4\" fill=\"none\" stroke=\"#333\"><title>{Escape($"mean {report.MeanFractions[j]} of the budget")}</title></circle>"));
            var cx = X(outcome.Fractions[j] * outcome.Budget);
            Line(I($"    <path d=\"M {cx} {y - 7} l 6 7 l -6 7 l -6 -7 z\" fill=\"#c0392b\"><title>{Escape($"outcome {outcome.Amounts[j]} ({outcome.Fractions[j]} of the budget)")}</title></path>"));
            Line("  </g>");
        }

        var legend = axis + 40;
        Line(I($"  <rect x=\"{Left}\" y=\"{legend - 8}\" width=\"20\" height=\"12\" fill=\"#cfe0f3\" stroke=\"#4a78a8\"/>"));
        Line(I($"  <text x=\"{Left + 26}\" y=\"{legend + 2}\">proposals: quartiles, median, range</text>"));
        Line(I($"  <circle cx=\"{Left + 250}\" cy=\"{legend - 2}\" r=\"4\" fill=\"none\" stroke=\"#333\"/>"));
        Line(I($"  <text x=\"{Left + 260}\" y=\"{legend + 2}\">mean</text>"));
        Line(I($"  <path d=\"M {Left + 320} {legend - 9} l 6 7 l -6 7 l -6 -7 z\" fill=\"#c0392b\"/>"));
        Line(I($"  <text x=\"{Left + 332}\" y=\"{legend + 2}\">outcome</text>"));
        Line("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal);
}
