using System.Globalization;
using System.Text;
using System.Text.Json;
using Budgeting.Api.Features.Elections;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Api.Features.Results;

/// <summary>
/// Renders the public results page of an allocation vote: the aggregate (amount and exact share per area) as a table
/// and the Core's SVG chart of the proposals' spread per area with the outcome marked. For a hierarchical budget it then
/// shows, area by area, the project vote held with the area's amount: the projects funded, read from the published
/// results JSON (<c>projectVotes</c>).
/// </summary>
public static class AllocationResultsPage
{
    /// <summary>
    /// The page for election <paramref name="id"/> from its definition, the report of its published ballots and, for a
    /// hierarchical budget, its published results JSON.
    /// </summary>
    public static string Render(long id, ElectionDefinition definition, AllocationReport report, byte[]? resultsJson = null)
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
        if (resultsJson is not null && definition.IsHierarchical())
        {
            AppendProjectVotes(html, definition, resultsJson);
        }

        html.Append("<h2>Check it yourself</h2>\n<ul>\n");
        html.Append("<li><a href=\"").Append(links.Results).Append("\">Results as JSON</a></li>\n");
        html.Append("<li><a href=\"").Append(links.Bundle).Append("\">Audit bundle</a> (zip): check it with <code>budgeting audit-bundle BUNDLE.zip</code>, ")
            .Append("or re-run the allocation with <code>budgeting allocate ballots.csv --budget ").Append(outcome.Budget.ToString(CultureInfo.InvariantCulture))
            .Append(" --rule ").Append(E(outcome.Rule)).Append(" --format json</code></li>\n");
        if (resultsJson is not null && definition.IsHierarchical())
        {
            html.Append("<li>The project votes in the areas: the bundle's <code>projects.pb</code> (projects' category = area); ")
                .Append("<code>budgeting audit-bundle</code> re-runs both stages</li>\n");
        }

        return ResultsPageFrame.Close(html);
    }

    // One section per area: its amount, the rule, and the projects funded with it.
    private static void AppendProjectVotes(StringBuilder html, ElectionDefinition definition, byte[] resultsJson)
    {
        var E = ResultsPageFrame.E;
        string Amount(long amount) => Budgeting.Elections.Money.Format(amount, definition.Currency);
        var areas = (definition.Areas ?? []).ToDictionary(a => a.Id, StringComparer.Ordinal);
        using var json = JsonDocument.Parse(resultsJson);
        html.Append("<h2>Projects in each area</h2>\n<p>Each area's amount was then the budget of a vote on its projects.</p>\n");
        foreach (var vote in json.RootElement.GetProperty("projectVotes").EnumerateArray())
        {
            var id = vote.GetProperty("area").GetString()!;
            var area = areas.GetValueOrDefault(id);
            var budget = vote.GetProperty("budget").GetInt64();
            var report = vote.GetProperty("report");
            html.Append("<section>\n<h3>").Append(E(area?.Name ?? id)).Append("</h3>\n");
            if (report.ValueKind == JsonValueKind.Null)
            {
                html.Append("<p>Amount ").Append(E(Amount(budget))).Append(". ")
                    .Append(area?.Projects is { Count: > 0 } ? "No panelist approved a project in this area, so none is funded." : "This area has no projects to vote on.")
                    .Append("</p>\n</section>\n");
                continue;
            }

            var funded = report.GetProperty("funded").EnumerateArray().ToList();
            var spent = funded.Sum(p => p.GetProperty("cost").GetInt64());
            html.Append("<p>Amount ").Append(E(Amount(budget))).Append(": ")
                .Append(report.GetProperty("voters").GetInt64().ToString("N0", CultureInfo.InvariantCulture))
                .Append(" ballots counted with ").Append(E(report.GetProperty("rule").GetString())).Append(", funded ")
                .Append(E(Amount(spent))).Append(" (").Append(E(Amount(budget - spent))).Append(" left over).</p>\n");
            html.Append("<table>\n<thead><tr><th scope=\"col\">Project</th><th scope=\"col\" class=\"n\">Cost</th><th scope=\"col\" class=\"n\">Supporters</th></tr></thead>\n<tbody>\n");
            foreach (var project in funded)
            {
                var name = project.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : project.GetProperty("id").GetString();
                html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"n\">").Append(E(Amount(project.GetProperty("cost").GetInt64())))
                    .Append("</td><td class=\"n\">").Append(project.GetProperty("supporters").GetInt64().ToString("N0", CultureInfo.InvariantCulture))
                    .Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }
    }
}
