using Budgeting.Api.Features.Elections;
using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Budgeting.Api.Features.Results;

/// <summary>
/// Publication (officials) and the public, read-only results: the election, the results JSON, the results page and the
/// audit bundle, all 404 until the election is published (docs/api.md, section Results and audit).
/// </summary>
public static class ResultsEndpoints
{
    /// <summary>Registers the results store.</summary>
    public static IServiceCollection AddResults(this IServiceCollection services)
    {
        services.AddSingleton<ResultsStore>();
        return services;
    }

    /// <summary>Maps <c>POST /api/elections/{id}/publish</c>, <c>/api/public/elections/{id}…</c> and <c>/elections/{id}/results</c>.</summary>
    public static IEndpointRouteBuilder MapResults(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/elections/{id:long}/publish", PublishAsync)
            .RequireAuthorization(Roles.Official).WithTags("Results")
            .WithSummary("Tally, store the results and the anonymised ballots, and publish (from voting-closed)");

        var open = app.MapGroup("/api/public/elections/{id:long}").WithTags("Public").AllowAnonymous();
        open.MapGet("/", ElectionAsync).WithSummary("A published election's definition");
        open.MapGet("/results", ResultsAsync).WithSummary("A published election's results (as budgeting tally --format json)");
        open.MapGet("/audit-bundle", BundleAsync).WithSummary("A published election's audit bundle (zip; docs/audit-bundle.md)");
        app.MapGet("/elections/{id:long}/results", PageAsync).AllowAnonymous().WithTags("Public").WithSummary("A published election's results page");
        return app;
    }

    private static async Task<Results<Ok<PublicationView>, ProblemHttpResult>> PublishAsync(long id, ResultsStore store)
    {
        var outcome = await store.PublishAsync(id, Roles.Official);
        return outcome.NotFound ? Problems.NoElection(id)
            : outcome.Refusal is { } refusal ? Problems.Conflict(refusal)
            : TypedResults.Ok(outcome.Publication!);
    }

    private static async Task<Results<Ok<PublicElectionView>, ProblemHttpResult>> ElectionAsync(long id, ResultsStore store, HttpContext http)
    {
        var found = await store.FindAsync(id);
        if (found is not { } f || (f.PublishedAt is null && !http.User.IsInRole(Roles.Official)))
        {
            return NotPublished(id);
        }

        return TypedResults.Ok(new PublicElectionView(f.Election.Id, f.Election.Stage, f.Election.Definition, f.PublishedAt));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ResultsAsync(long id, ResultsStore store) =>
        await store.ResultsAsync(id) is { } results
            ? TypedResults.File(results.ResultsJson, "application/json")
            : NotPublished(id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> BundleAsync(long id, ResultsStore store) =>
        await store.AuditBundleAsync(id) is { } bundle
            ? TypedResults.File(bundle, "application/zip", $"election-{id}-audit-bundle.zip")
            : NotPublished(id);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> PageAsync(long id, ResultsStore store)
    {
        var found = await store.FindAsync(id);
        var results = await store.ResultsAsync(id);
        return found is { } f && results is not null
            ? TypedResults.Content(
                f.Election.Definition.IsAllocation()
                    ? AllocationResultsPage.Render(id, f.Election.Definition, ResultsStore.AllocationReportOf(f.Election.Definition, results), results.ResultsJson)
                    : ResultsPage.Render(id, f.Election.Definition, results.ResultsJson),
                "text/html; charset=utf-8")
            : NotPublished(id);
    }

    private static ProblemHttpResult NotPublished(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No published election", detail: $"There is no published election {id}.");
}
