using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Budgeting.Api.Storage;
using Budgeting.Api.Validation;
using Budgeting.Elections;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Budgeting.Api.Features.Elections;

/// <summary>Officials' endpoints for setting up an election and moving it through voting.</summary>
public static class ElectionEndpoints
{
    /// <summary>
    /// The request header that makes <c>POST /api/elections</c> safe to repeat: the same key and body give the election
    /// created the first time (200, header <c>Idempotent-Replayed: true</c>) instead of a second one.
    /// </summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Maps <c>/api/elections</c>.</summary>
    public static RouteGroupBuilder MapElections(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/elections").WithTags("Elections").RequireAuthorization(Roles.Official);

        group.MapPost("/", async Task<Results<Created<ElectionView>, Ok<ElectionView>, ProblemHttpResult>> (
            ElectionDefinition definition, ElectionStore store, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, HttpResponse response) =>
        {
            if (idempotencyKey is null)
            {
                var created = await store.CreateAsync(definition, Roles.Official);
                return TypedResults.Created($"/api/elections/{created.Id}", created);
            }

            if (idempotencyKey.Trim().Length is 0 or > 200)
            {
                return Problems.BadInput($"The {IdempotencyKeyHeader} header must hold 1 to 200 characters.");
            }

            var (election, replayed, refusal) = await store.CreateAsync(definition, Roles.Official, idempotencyKey.Trim());
            if (refusal is not null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused", detail: refusal);
            }

            if (replayed)
            {
                response.Headers["Idempotent-Replayed"] = "true";
                return TypedResults.Ok(election!);
            }

            return TypedResults.Created($"/api/elections/{election!.Id}", election);
        }).Validate<ElectionDefinition>().WithSummary("Create a draft election (send an Idempotency-Key header to make repeats safe)");

        group.MapGet("/", async Task<Ok<IReadOnlyList<ElectionView>>> (ElectionStore store) =>
            TypedResults.Ok(await store.ListAsync())).WithSummary("List elections");

        group.MapGet("/{id:long}", async Task<Results<Ok<ElectionView>, ProblemHttpResult>> (long id, ElectionStore store) =>
            await store.FindAsync(id) is { } election ? TypedResults.Ok(election) : Problems.NoElection(id))
            .WithSummary("Read an election");

        group.MapPut("/{id:long}/definition", async Task<Results<Ok<ElectionView>, ProblemHttpResult>> (long id, ElectionDefinition definition, ElectionStore store) =>
        {
            var (election, refusal) = await store.UpdateDefinitionAsync(id, definition, Roles.Official);
            return election is null ? Problems.NoElection(id)
                : refusal is not null ? Problems.Conflict(refusal)
                : TypedResults.Ok(election);
        }).Validate<ElectionDefinition>().WithSummary("Change the definition (until voting opens)");

        group.MapPost("/{id:long}/open", (long id, Database database) => AdvanceAsync(id, ElectionStage.VotingOpen, database))
            .WithSummary("Open voting (freezes the definition)");
        group.MapPost("/{id:long}/close", (long id, Database database) => AdvanceAsync(id, ElectionStage.VotingClosed, database))
            .WithSummary("Close voting");

        return group;
    }

    private static async Task<Results<Ok<ElectionView>, ProblemHttpResult>> AdvanceAsync(long id, ElectionStage to, Database database)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        if (await ElectionStore.FindAsync(connection, transaction, id) is null)
        {
            return Problems.NoElection(id);
        }

        if (to == ElectionStage.VotingClosed)
        {
            // A replacement round committed but not revealed can only be revealed while voting is open: closing now
            // would leave its panelists out of the vote and its lottery out of the audit bundle for good.
            var pending = await connection.QueryFirstOrDefaultAsync<long?>(
                "SELECT round FROM lotteries WHERE election_id = @id AND round > 0 AND seed IS NULL ORDER BY round LIMIT 1",
                new { id }, transaction);
            if (pending is { } round)
            {
                return Problems.Conflict(
                    $"Replacement round {round} is committed but its seed is not revealed; reveal it (POST /api/elections/{id}/replacements/{round}/reveal) before closing voting.");
            }
        }

        var refusal = await ElectionStore.AdvanceAsync(connection, transaction, id, to, Roles.Official);
        if (refusal is not null)
        {
            return Problems.Conflict(refusal);
        }

        var election = await ElectionStore.FindAsync(connection, transaction, id);
        transaction.Commit();
        return TypedResults.Ok(election!);
    }
}
