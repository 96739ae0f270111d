using System.Globalization;
using System.Net;
using System.Text;
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
        string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        string Amount(long amount) => Budgeting.Elections.Money.Format(amount, definition.Currency);

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Results: ").Append(E(definition.Title)).Append(" (").Append(E(definition.City)).Append(")</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.4}")
            .Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem;border-bottom:1px solid #ddd}")
            .Append("td.n,th.n{text-align:right}svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(definition.Title)).Append("</h1>\n");
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
        html.Append("</ul>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
