using System.Globalization;
using System.Text.Json;
using Budgeting.Api.Features.Elections;
using Budgeting.Tallying.Reports;

namespace Budgeting.Api.Features.Results;

/// <summary>Renders the public results page: the funded projects as a table and as the Core's SVG bar chart against the budget.</summary>
public static class ResultsPage
{
    /// <summary>The page for election <paramref name="id"/> from its definition and stored results JSON.</summary>
    public static string Render(long id, ElectionDefinition definition, byte[] resultsJson)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(resultsJson);
        using var json = JsonDocument.Parse(resultsJson);
        var root = json.RootElement;
        var funded = root.GetProperty("funded").EnumerateArray().Select(p => new ReportedProject(
            p.GetProperty("id").GetString()!,
            p.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
            p.GetProperty("cost").GetInt64(),
            p.GetProperty("score").GetInt64(),
            p.GetProperty("supporters").GetInt64())).ToList();
        var budget = root.GetProperty("budget").GetInt64();
        var voters = root.GetProperty("voters").GetInt64();
        var rule = root.GetProperty("rule").GetString() ?? definition.Rule.Name;
        var links = ResultsStore.Links(id);
        var E = ResultsPageFrame.E;
        string Amount(long amount) => Budgeting.Elections.Money.Format(amount, definition.Currency);

        var html = ResultsPageFrame.Open(definition);
        html.Append("<p>").Append(E(definition.City)).Append(": ").Append(voters.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" ballots counted with ").Append(E(rule)).Append(". Budget ").Append(E(Amount(budget)))
            .Append(", funded ").Append(E(Amount(funded.Sum(p => p.Cost)))).Append(".</p>\n");
        html.Append("<figure>\n").Append(BudgetChart.ToSvg(budget, funded, definition.Currency))
            .Append("<figcaption>Funded projects against the budget.</figcaption>\n</figure>\n");
        html.Append("<h2>Funded projects</h2>\n<table>\n<thead><tr><th scope=\"col\">Project</th><th scope=\"col\" class=\"n\">Cost</th><th scope=\"col\" class=\"n\">Supporters</th></tr></thead>\n<tbody>\n");
        foreach (var project in funded)
        {
            html.Append("<tr><td>").Append(E(project.Name ?? project.Id)).Append("</td><td class=\"n\">").Append(E(Amount(project.Cost)))
                .Append("</td><td class=\"n\">").Append(project.Supporters.ToString("N0", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        html.Append("<h2>Check it yourself</h2>\n<ul>\n");
        html.Append("<li><a href=\"").Append(links.Results).Append("\">Results as JSON</a></li>\n");
        html.Append("<li><a href=\"").Append(links.Bundle).Append("\">Audit bundle</a> (zip): check it with <code>budgeting audit-bundle BUNDLE.zip</code></li>\n");
        return ResultsPageFrame.Close(html);
    }
}
