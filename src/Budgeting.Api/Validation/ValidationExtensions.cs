using FluentValidation;

namespace Budgeting.Api.Validation;

/// <summary>Attaches <see cref="ValidationFilter{T}"/> to an endpoint.</summary>
public static class ValidationExtensions
{
    /// <summary>Validates the endpoint's <typeparamref name="T"/> body before its handler runs.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();

    /// <summary>
    /// Validates the endpoint's optional <typeparamref name="T"/> body, every field of which is optional: a request
    /// without a body (none, or <c>Content-Length: 0</c>) gets <paramref name="defaults"/>, validated and passed to the
    /// handler as if the caller had sent <c>{}</c>. The handler's parameter must allow an empty body
    /// (<c>[FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] T?</c>). A body that is sent but cannot be read is still
    /// a 400 ProblemDetails.
    /// </summary>
    public static RouteHandlerBuilder ValidateOptional<T>(this RouteHandlerBuilder builder, Func<T> defaults)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(defaults);
        return builder.AddEndpointFilterFactory((factory, next) =>
        {
            var index = Array.FindIndex(factory.MethodInfo.GetParameters(), p => p.ParameterType == typeof(T));
            if (index < 0)
            {
                throw new InvalidOperationException($"The endpoint has no {typeof(T).Name} parameter to validate.");
            }

            var filter = new ValidationFilter<T>(factory.ApplicationServices.GetRequiredService<IValidator<T>>());
            return context =>
            {
                if (context.Arguments[index] is null)
                {
                    context.Arguments[index] = defaults();
                }

                return filter.InvokeAsync(context, next);
            };
        }).ProducesValidationProblem();
    }
}
