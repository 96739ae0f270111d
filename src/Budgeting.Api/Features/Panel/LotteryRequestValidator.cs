using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;
using FluentValidation;

namespace Budgeting.Api.Features.Panel;

/// <summary>Checks a lottery request: a known algorithm and a slot count the CLI would accept.</summary>
public sealed class LotteryRequestValidator : AbstractValidator<LotteryRequest>
{
    /// <summary>Creates the validator.</summary>
    public LotteryRequestValidator()
    {
        RuleFor(r => r.Algorithm)
            .Must(a => a is null || SelectionAlgorithms.Names.Contains(a.Trim().ToLowerInvariant()))
            .WithMessage($"'Algorithm' must be one of {string.Join(", ", SelectionAlgorithms.Names)}.");
        RuleFor(r => r.Panels).InclusiveBetween(1, LotteryDraw.MaxSlots);
    }
}
