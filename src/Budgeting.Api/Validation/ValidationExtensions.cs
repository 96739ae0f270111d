namespace Budgeting.Api.Validation;

/// <summary>Attaches <see cref="ValidationFilter{T}"/> to an endpoint.</summary>
public static class ValidationExtensions
{
    /// <summary>Validates the endpoint's <typeparamref name="T"/> body before its handler runs.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
