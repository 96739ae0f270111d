using Budgeting.Api.Security;
using Budgeting.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Features.Panel;

/// <summary>
/// Officials' endpoints for the panel: upload the pool, commit and reveal the lottery, replace dropouts, issue voting
/// tokens, and read the audit trail (docs/api.md, section Panel).
/// </summary>
public static class PanelEndpoints
{
    /// <summary>Maps the panel endpoints under <c>/api/elections/{id}</c>.</summary>
    public static RouteGroupBuilder MapPanel(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections/{id:long}").WithTags("Panel").RequireAuthorization(Roles.Official);

        group.MapPut("/pool", async Task<Results<Ok<PoolView>, ProblemHttpResult>> (long id, [FromForm] PoolUpload upload, PanelStore store) =>
            {
                var (people, peopleName) = await ReadAsync(upload.People!, "people.csv");
                var (categories, categoriesName) = await ReadAsync(upload.Categories!, "categories.csv");
                return await store.UploadPoolAsync(id, people, peopleName, categories, categoriesName, upload.IdColumn, upload.AddressColumns);
            })
            .Validate<PoolUpload>().DisableAntiforgery()
            .WithSummary("Upload the people and categories CSV (as budgeting draw reads them)");
        group.MapGet("/pool", (long id, PanelStore store) => store.ReadPoolAsync(id)).WithSummary("Summarise the uploaded pool");

        // Both fields are optional, so is the body: none (or Content-Length: 0) means the defaults, as {} does.
        group.MapPost("/lottery", (long id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LotteryRequest? request, PanelStore store) =>
                store.CommitLotteryAsync(id, request ?? new LotteryRequest()))
            .ValidateOptional(() => new LotteryRequest()).WithSummary("Compute and commit the panel lottery; answers its SHA-256 to publish");
        group.MapPost("/lottery/reveal", (long id, RevealRequest request, PanelStore store) => store.RevealAsync(id, request.Seed))
            .Validate<RevealRequest>().WithSummary("Reveal the seed and draw the panel");
        group.MapGet("/lotteries", (long id, PanelStore store) => store.ListLotteriesAsync(id)).WithSummary("List the lottery rounds");
        group.MapGet("/lotteries/{round:int}/lottery.json", (long id, int round, PanelStore store) => store.LotteryFileAsync(id, round))
            .WithSummary("Download a round's lottery.json, byte for byte as committed");
        group.MapGet("/lotteries/0/report.md", (long id, PanelStore store) => store.ReportAsync(id))
            .WithSummary("The panel draw's report, as budgeting draw and reveal write report.md");

        group.MapPost("/replacements", (long id, ReplacementRequest request, PanelStore store) => store.CommitReplacementAsync(id, request))
            .Validate<ReplacementRequest>().WithSummary("Mark dropouts and commit a replacement lottery");
        group.MapPost("/replacements/{round:int}/reveal", (long id, int round, RevealRequest request, PanelStore store) => store.RevealReplacementAsync(id, round, request.Seed))
            .Validate<RevealRequest>().WithSummary("Reveal a replacement round's seed and add the replacements to the panel");

        group.MapGet("/panel", (long id, PanelStore store) => store.ListPanelAsync(id)).WithSummary("List the panel (never who voted)");
        group.MapPost("/tokens", (long id, HttpRequest http, IOptions<PanelOptions> options, PanelStore store) => store.IssueTokensAsync(id, BaseUrl(http, options.Value)))
            .WithSummary("Issue voting tokens to the panelists who have none; CSV for a mail merge, shown only this once");
        group.MapPost("/tokens/reissue", (long id, ReissueRequest request, HttpRequest http, IOptions<PanelOptions> options, PanelStore store) => store.ReissueTokensAsync(id, request.PersonIds, BaseUrl(http, options.Value)))
            .Validate<ReissueRequest>().WithSummary("Replace the named panelists' voting tokens (the old ones stop working)");

        group.MapGet("/events", (long id, PanelStore store) => store.ListEventsAsync(id)).WithSummary("The election's audit trail");
        return group;
    }

    private static async Task<(byte[] Bytes, string Name)> ReadAsync(IFormFile file, string fallback)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var name = Path.GetFileName(file.FileName);
        return (buffer.ToArray(), string.IsNullOrWhiteSpace(name) ? fallback : name);
    }

    private static string BaseUrl(HttpRequest request, PanelOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : options.PublicBaseUrl.Trim().TrimEnd('/');
}
