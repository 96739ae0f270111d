using System.Globalization;
using System.Security.Claims;
using System.Text;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Budgeting.Api.Validation;
using Budgeting.Elections;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// Panelists' ballots (<c>/api/ballot</c>, bearer = voting token) and officials' paper ballots and vote counts
/// (<c>/api/elections/{id}/ballots</c>). Nothing here shows what anyone voted, except a panelist's own ballot to them.
/// </summary>
public static class BallotEndpoints
{
    /// <summary>The file name paper ballot problems name when the upload does not carry one.</summary>
    public const string DefaultPaperFile = "paper-ballots.csv";

    /// <summary>Registers the ballot store and the group-commit writer.</summary>
    public static IServiceCollection AddBallots(this IServiceCollection services)
    {
        services.AddSingleton<BallotStore>();
        services.AddSingleton<BallotWriter>();
        return services;
    }

    /// <summary>Maps the ballot endpoints.</summary>
    public static IEndpointRouteBuilder MapBallots(this IEndpointRouteBuilder app)
    {
        var panelist = app.MapGroup("/api/ballot").WithTags("Ballots").RequireAuthorization(Roles.Panelist);
        panelist.MapGet("/", ReadAsync).WithSummary("The ballot page's election and the panelist's current ballot");
        panelist.MapPut("/", SubmitAsync).Validate<BallotRequest>()
            .WithMetadata(new RequestSizeLimitAttribute(64 * 1024))
            .WithSummary("Cast or change the panelist's ballot (the last submission counts)");

        var official = app.MapGroup("/api/elections/{id:long}/ballots").WithTags("Ballots").RequireAuthorization(Roles.Official);
        official.MapGet("/count", CountAsync).WithSummary("How many panelists have voted (not what)");
        official.MapPost("/paper", ImportPaperAsync).Accepts<string>("text/csv", "multipart/form-data")
            .WithSummary("Import paper ballots from CSV (all or nothing)");
        return app;
    }

    private static (long ElectionId, string PersonId) Panelist(ClaimsPrincipal user) =>
        (long.Parse(user.FindFirstValue(Roles.ElectionClaim)!, CultureInfo.InvariantCulture), user.FindFirstValue(Roles.PersonClaim)!);

    private static async Task<Results<Ok<BallotPageView>, ProblemHttpResult>> ReadAsync(ClaimsPrincipal user, BallotStore store)
    {
        var (electionId, personId) = Panelist(user);
        var (stage, box) = await store.BoxAsync(electionId);
        if (stage is null || box is null)
        {
            return Problems.NoElection(electionId);
        }

        var d = box.Definition;
        return TypedResults.Ok(new BallotPageView(
            electionId, d.City, d.Title, d.Currency, d.Budget, d.BallotKind.Trim().ToLowerInvariant(), d.Limits ?? new LimitsDefinition(),
            d.IsAllocation() ? [] : d.Projects, d.Areas ?? [], stage,
            ElectionStages.Parse(stage).AcceptsBallots(), await store.FindAsync(electionId, personId)));
    }

    private static async Task<Results<Ok<BallotReceipt>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        BallotRequest ballot, ClaimsPrincipal user, BallotStore store, BallotWriter writer)
    {
        var (electionId, personId) = Panelist(user);
        // While voting is open the definition is frozen and cached: no read is needed before the write, which checks
        // the stage again in the same statement that stores the ballot.
        var box = store.FrozenBox(electionId);
        if (box is null)
        {
            (var stage, box) = await store.BoxAsync(electionId);
            if (stage is null || box is null)
            {
                return Problems.NoElection(electionId);
            }

            if (!ElectionStages.Parse(stage).AcceptsBallots())
            {
                return Problems.Conflict($"Voting is not open: the election is {stage}.");
            }
        }

        var problems = box.Check(ballot, personId);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The ballot is not valid");
        }

        var (receipt, refusal) = await writer.SubmitAsync(electionId, personId, ballot);
        return receipt is not null ? TypedResults.Ok(receipt) : Problems.Conflict(refusal!);
    }

    private static async Task<Results<Ok<VoteCount>, ProblemHttpResult>> CountAsync(long id, BallotStore store) =>
        (await store.BoxAsync(id)).Stage is null ? Problems.NoElection(id) : TypedResults.Ok(await store.CountAsync(id));

    private static async Task<Results<Ok<PaperImport>, ProblemHttpResult>> ImportPaperAsync(long id, HttpRequest request, BallotStore store)
    {
        var (stage, box) = await store.BoxAsync(id);
        if (stage is null || box is null)
        {
            return Problems.NoElection(id);
        }

        var (file, text) = await ReadUploadAsync(request);
        if (text is null)
        {
            return Problems.BadInput("Send the paper ballots as a text/csv body, or as the file of a multipart/form-data upload.");
        }

        IReadOnlyList<(int Line, string PersonId, BallotRequest Ballot)> ballots;
        IReadOnlyList<PaperBallotProblem> problems;
        if (box.Projects is { } election)
        {
            var read = PaperBallotReader.Read(new StringReader(text), file, election);
            ballots = read.Ballots.Select(b => (b.Line, b.PersonId, new BallotRequest(b.Ballot.Projects, b.Ballot.Points))).ToList();
            problems = read.Problems;
        }
        else
        {
            var areas = box.Allocation!.Areas;
            var read = PaperAllocationBallotReader.Read(new StringReader(text), file, box.Allocation, box.AreaProjects);
            ballots = read.Ballots.Select(b => (b.Line, b.Ballot.VoterId,
                new BallotRequest(
                    Amounts: areas.Select((a, j) => (a, b.Ballot.Amounts[j])).ToDictionary(x => x.a, x => x.Item2, StringComparer.Ordinal),
                    AreaProjects: b.Projects is null ? null : box.ByArea(b.Projects)))).ToList();
            problems = read.Problems;
        }

        if (problems.Count == 0)
        {
            var (unknown, refusal) = await store.ImportPaperAsync(id, file, ballots, Roles.Official);
            if (refusal is not null)
            {
                return Problems.Conflict(refusal);
            }

            problems = unknown;
        }

        if (problems.Count > 0)
        {
            var lines = problems.Select(p => p.ToString()).ToArray();
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The paper ballots were not imported",
                detail: string.Join('\n', lines),
                extensions: new Dictionary<string, object?> { ["problems"] = lines });
        }

        return TypedResults.Ok(new PaperImport(id, file, ballots.Count));
    }

    private static async Task<(string File, string? Text)> ReadUploadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var upload = form.Files.FirstOrDefault();
            if (upload is null)
            {
                return (DefaultPaperFile, null);
            }

            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
            return (string.IsNullOrWhiteSpace(upload.FileName) ? DefaultPaperFile : Path.GetFileName(upload.FileName), await reader.ReadToEndAsync());
        }

        using var body = new StreamReader(request.Body, Encoding.UTF8);
        return (DefaultPaperFile, await body.ReadToEndAsync());
    }
}
