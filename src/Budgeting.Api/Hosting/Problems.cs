using Microsoft.AspNetCore.Http.HttpResults;

namespace Budgeting.Api.Hosting;

/// <summary>The ProblemDetails answers the endpoints share, with a sentence a person can act on.</summary>
public static class Problems
{
    /// <summary>404: there is no such election (or the caller may not know it exists).</summary>
    public static ProblemHttpResult NoElection(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such election", detail: $"There is no election {id}.");

    /// <summary>409: the request conflicts with the election's stage.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed at this stage", detail: detail);

    /// <summary>400 with a single message (for input that is not a JSON body, such as an uploaded CSV).</summary>
    public static ProblemHttpResult BadInput(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The input is not valid", detail: detail);
}
