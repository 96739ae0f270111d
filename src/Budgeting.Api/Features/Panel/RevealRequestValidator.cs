using FluentValidation;

namespace Budgeting.Api.Features.Panel;

/// <summary>Checks a reveal request: a seed is given.</summary>
public sealed class RevealRequestValidator : AbstractValidator<RevealRequest>
{
    /// <summary>Creates the validator.</summary>
    public RevealRequestValidator()
    {
        RuleFor(r => r.Seed).NotEmpty().MaximumLength(1000);
    }
}
