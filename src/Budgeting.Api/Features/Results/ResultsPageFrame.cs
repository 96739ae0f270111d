using System.Net;
using System.Text;
using Budgeting.Api.Features.Elections;

namespace Budgeting.Api.Features.Results;

/// <summary>What every public results page shares: the document head and style, the title, and the closing tags.</summary>
internal static class ResultsPageFrame
{
    /// <summary>HTML-escapes <paramref name="text"/> (null as empty).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Starts the page: head, style, the opening of the body and the election's title as the heading.</summary>
    public static StringBuilder Open(ElectionDefinition definition)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<title>Results: ").Append(E(definition.Title)).Append(" (").Append(E(definition.City)).Append(")</title>\n");
        html.Append("<style>body{font-family:sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.4}")
            .Append("table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem;border-bottom:1px solid #ddd}")
            .Append("td.n,th.n{text-align:right}svg{max-width:100%;height:auto}</style>\n</head>\n<body>\n<main>\n");
        html.Append("<h1>").Append(E(definition.Title)).Append("</h1>\n");
        return html;
    }

    /// <summary>Ends the page after its "Check it yourself" list items.</summary>
    public static string Close(StringBuilder html) => html.Append("</ul>\n</main>\n</body>\n</html>\n").ToString();
}
