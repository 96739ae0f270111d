using Budgeting.Tallying;
using FluentValidation;

namespace Budgeting.Api.Features.Elections;

/// <summary>Checks an election definition before it is stored: every field, and that the Core accepts the rule.</summary>
public sealed class ElectionDefinitionValidator : AbstractValidator<ElectionDefinition>
{
    /// <summary>The rules of an allocation vote.</summary>
    public static IReadOnlyList<string> AllocationRules { get; } = ["independent-markets", "piecewise-uniform", "median", "mean"];

    /// <summary>Creates the validator.</summary>
    public ElectionDefinitionValidator()
    {
        RuleFor(d => d.City).NotEmpty().MaximumLength(200);
        RuleFor(d => d.Title).NotEmpty().MaximumLength(300);
        RuleFor(d => d.Currency).NotEmpty().Matches("^[A-Z]{3}$").WithMessage("'Currency' must be an ISO 4217 code such as EUR.");
        RuleFor(d => d.Budget).GreaterThan(0);
        RuleFor(d => d.PanelSize).GreaterThan(0);
        RuleFor(d => d.BallotKind).NotEmpty()
            .Must(k => ElectionMapping.BallotKinds.Contains(k?.Trim().ToLowerInvariant()))
            .WithMessage($"'Ballot Kind' must be one of {string.Join(", ", ElectionMapping.BallotKinds)}.");
        RuleFor(d => d.Rule).NotNull();
        RuleFor(d => d.Rule.Name).NotEmpty().When(d => d.Rule is not null);

        When(d => d.BallotKind is not null && !d.IsAllocation(), () =>
        {
            RuleFor(d => d.Projects).NotEmpty().WithMessage("A project vote needs at least one project.");
            RuleForEach(d => d.Projects).ChildRules(p =>
            {
                p.RuleFor(x => x.Id).NotEmpty().MaximumLength(100).Matches("^[^;,\"\\r\\n]+$")
                    .WithMessage("'Id' may not contain ';', ',', quotes or line breaks.");
                p.RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
                p.RuleFor(x => x.Cost).GreaterThan(0);
                p.RuleFor(x => x.Description).MaximumLength(5000);
            });
            RuleFor(d => d.Projects)
                .Must(ps => ps.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count() == ps.Count)
                .WithMessage("Project ids must be unique.")
                .When(d => d.Projects is not null);
            RuleFor(d => d).Custom((d, context) =>
            {
                if (d.Rule?.Name is null || d.Projects is null || d.Projects.Count == 0)
                {
                    return;
                }

                try
                {
                    RuleCatalog.Create(d.ToRuleOptions());
                }
                catch (ArgumentException e)
                {
                    context.AddFailure(nameof(ElectionDefinition.Rule), e.Message);
                }
            });
        });

        When(d => d.BallotKind is not null && d.IsAllocation(), () =>
        {
            RuleFor(d => d.Areas).NotEmpty().WithMessage("An allocation vote needs at least one area.");
            RuleForEach(d => d.Areas).ChildRules(a =>
            {
                a.RuleFor(x => x.Id).NotEmpty().MaximumLength(100);
                a.RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
                a.RuleFor(x => x.Floor).GreaterThanOrEqualTo(0);
                a.RuleFor(x => x).Must(x => x.Floor is null || x.Ceiling is null || x.Floor <= x.Ceiling)
                    .WithMessage("An area's floor must not exceed its ceiling.");
            });
            RuleFor(d => d.Rule.Name)
                .Must(n => AllocationRules.Contains(n?.Trim().ToLowerInvariant()))
                .WithMessage($"An allocation vote's rule must be one of {string.Join(", ", AllocationRules)}.")
                .When(d => d.Rule is not null);
        });

        When(d => d.Limits is not null, () =>
        {
            RuleFor(d => d.Limits!.MinLength).GreaterThanOrEqualTo(0);
            RuleFor(d => d.Limits!.MaxLength).GreaterThanOrEqualTo(1);
            RuleFor(d => d.Limits!).Must(l => l.MinLength is null || l.MaxLength is null || l.MinLength <= l.MaxLength)
                .WithMessage("'Min Length' must not exceed 'Max Length'.");
            RuleFor(d => d.Limits!).Must(l => l.MinSumPoints is null || l.MaxSumPoints is null || l.MinSumPoints <= l.MaxSumPoints)
                .WithMessage("'Min Sum Points' must not exceed 'Max Sum Points'.");
            RuleFor(d => d.Limits!).Must(l => l.MinPoints is null || l.MaxPoints is null || l.MinPoints <= l.MaxPoints)
                .WithMessage("'Min Points' must not exceed 'Max Points'.");
            RuleFor(d => d.Limits!.MaxSumCost).GreaterThan(0);
        });
    }
}
