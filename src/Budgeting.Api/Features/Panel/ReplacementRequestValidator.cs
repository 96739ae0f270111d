using Budgeting.Sortition.Lottery;
using FluentValidation;

namespace Budgeting.Api.Features.Panel;

/// <summary>Checks a replacement request: at least one dropout and a slot count the CLI would accept.</summary>
public sealed class ReplacementRequestValidator : AbstractValidator<ReplacementRequest>
{
    /// <summary>Creates the validator.</summary>
    public ReplacementRequestValidator()
    {
        RuleFor(r => r.Dropouts).NotEmpty().WithMessage("'Dropouts' must name at least one panel member.");
        RuleForEach(r => r.Dropouts).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Panels).InclusiveBetween(1, LotteryDraw.MaxSlots);
    }
}
