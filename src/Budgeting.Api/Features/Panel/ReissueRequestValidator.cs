using FluentValidation;

namespace Budgeting.Api.Features.Panel;

/// <summary>Checks a re-issue request: at least one person id, none blank or named twice.</summary>
public sealed class ReissueRequestValidator : AbstractValidator<ReissueRequest>
{
    /// <summary>Creates the validator.</summary>
    public ReissueRequestValidator()
    {
        RuleFor(r => r.PersonIds).NotEmpty().WithMessage("'Person Ids' must name at least one panelist.");
        RuleForEach(r => r.PersonIds).NotEmpty().MaximumLength(200);
        RuleFor(r => r.PersonIds)
            .Must(ids => ids.Distinct(StringComparer.Ordinal).Count() == ids.Count)
            .WithMessage("'Person Ids' names a panelist twice.")
            .When(r => r.PersonIds is not null);
    }
}
