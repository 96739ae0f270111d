using System.Globalization;
using Budgeting.Api.Features.Elections;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Api.Features.Results;

/// <summary>
/// Renders the public results page of an allocation vote: the aggregate (amount and exact share per area) as a table
/// and the Core's SVG chart of the proposals' spread per area with the outcome marked.
/// </summary>
public static class AllocationResultsPage
{
    /// <summary>The page for election <paramref name="id"/> from its definition and the report of its published ballots.</summary>
    public static string Render(long id, ElectionDefinition definition, AllocationReport report)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(report);
        var outcome = report.Outcome;
        var names = (definition.Areas ?? []).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var links = ResultsStore.Links(id);
        var E = ResultsPageFrame.E;
        string Amount(long amount) => Budgeting.Elections.Money.Format(amount, definition.Currency);

        var html = ResultsPageFrame.Open(definition);
        html.Append("<p>").Append(E(definition.City)).Append(": ").Append(report.Panelists.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" proposed allocations aggregated with ").Append(E(outcome.Rule)).Append(". Budget ").Append(E(Amount(outcome.Budget)))
            .Append(".</p>\n");
        html.Append("<h2>Allocation</h2>\n<table>\n<thead><tr><th scope=\"col\">Area</th><th scope=\"col\" class=\"n\">Amount</th>")
            .Append("<th scope=\"col\" class=\"n\">Share of the budget</th><th scope=\"col\" class=\"n\">Median proposal</th></tr></thead>\n<tbody>\n");
        for (var j = 0; j < outcome.Areas.Count; j++)
        {
            var area = outcome.Areas[j];
            html.Append("<tr><td>").Append(E(names.GetValueOrDefault(area, area))).Append("</td><td class=\"n\">").Append(E(Amount(outcome.Amounts[j])))
                .Append("</td><td class=\"n\">").Append(E(outcome.Fractions[j].ToString())).Append("</td><td class=\"n\">")
                .Append(E(Amount(report.Spreads[j].Median))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        foreach (var warning in report.Warnings)
        {
            html.Append("<p><strong>Warning:</strong> ").Append(E(warning)).Append("</p>\n");
        }

        html.Append("<figure>\n").Append(AllocationChart.ToSvg(report))
            .Append("<figcaption>The proposals per area (line: smallest to largest; box: middle half; tick: median; circle: mean) ")
            .Append("and the outcome (diamond).</figcaption>\n</figure>\n");
        html.Append("<h2>Check it yourself</h2>\n<ul>\n");
        html.Append("<li><a href=\"").Append(links.Results).Append("\">Results as JSON</a></li>\n");
        html.Append("<li><a href=\"").Append(links.Bundle).Append("\">Audit bundle</a> (zip): check it with <code>budgeting audit-bundle BUNDLE.zip</code>, ")
            .Append("or re-run the allocation with <code>budgeting allocate ballots.csv --budget ").Append(outcome.Budget.ToString(CultureInfo.InvariantCulture))
            .Append(" --rule ").Append(E(outcome.Rule)).Append(" --format json</code></li>\n");
        return ResultsPageFrame.Close(html);
    }
}
