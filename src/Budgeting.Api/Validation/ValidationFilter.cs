using FluentValidation;

namespace Budgeting.Api.Validation;

/// <summary>
/// Validates an endpoint's <typeparamref name="T"/> argument with its FluentValidation validator before the handler
/// runs, answering 400 with a validation ProblemDetails (errors by field) when it fails.
/// A missing body is a 400 too.
/// </summary>
/// <typeparam name="T">The request body type; a validator for it must be registered.</typeparam>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing request body",
                detail: $"This request needs a JSON body ({typeof(T).Name}).");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            return TypedResults.ValidationProblem(result.ToDictionary(), title: "The request is not valid");
        }

        return await next(context);
    }
}
