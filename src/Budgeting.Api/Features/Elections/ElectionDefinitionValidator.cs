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
            RuleForEach(d => d.Projects).ChildRules(ProjectRules);
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
            RuleFor(d => d.Projects).Empty()
                .WithMessage("A hierarchical budget lists each area's projects under the area ('areas[].projects'), not in 'projects'.")
                .When(d => d.Projects is not null && d.IsHierarchical());
            RuleForEach(d => d.Areas).ChildRules(a =>
            {
                a.RuleFor(x => x.Id).Matches("^[^;,\"\\r\\n]+$").When(x => x.Projects is { Count: > 0 })
                    .WithMessage("'Id' may not contain ';', ',', quotes or line breaks (it names the area of its projects).");
                a.RuleForEach(x => x.Projects).ChildRules(ProjectRules);
            }).When(d => d.Areas is not null);
            RuleFor(d => d).Custom(CheckAreaProjects);
            RuleFor(d => d.Rule.Name)
                .Must(n => AllocationRules.Contains(n?.Trim().ToLowerInvariant()))
                .WithMessage($"An allocation vote's rule must be one of {string.Join(", ", AllocationRules)}.")
                .When(d => d.Rule is not null);
        });

        RuleFor(d => d.ProjectRule).Null()
            .WithMessage("'Project Rule' is the rule of the project votes inside a hierarchical budget's areas, but no area has projects.")
            .When(d => d.BallotKind is not null && !d.IsHierarchical());

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

    private static void ProjectRules(InlineValidator<ProjectDefinition> p)
    {
        p.RuleFor(x => x.Id).NotEmpty().MaximumLength(100).Matches("^[^;,\"\\r\\n]+$")
            .WithMessage("'Id' may not contain ';', ',', quotes or line breaks.");
        p.RuleFor(x => x.Name).NotEmpty().MaximumLength(300);
        p.RuleFor(x => x.Cost).GreaterThan(0);
        p.RuleFor(x => x.Description).MaximumLength(5000);
    }

    // A hierarchical budget's areas: project ids unique across all areas, and every area with projects has a rule the
    // Core accepts (its own, or the election's project rule); an area without projects has no rule of its own.
    private static void CheckAreaProjects(ElectionDefinition definition, ValidationContext<ElectionDefinition> context)
    {
        var areas = definition.Areas ?? [];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var projectRuleChecked = false;
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            if (area is null)
            {
                continue;
            }

            var projects = area.Projects ?? [];
            for (var j = 0; j < projects.Count; j++)
            {
                if (projects[j]?.Id is { Length: > 0 } id && !seen.TryAdd(id, area.Id))
                {
                    context.AddFailure($"Areas[{i}].Projects[{j}].Id",
                        $"Project id '{id}' is already used in area '{seen[id]}'; project ids must be unique across all areas.");
                }
            }

            if (projects.Count == 0)
            {
                if (area.Rule is not null)
                {
                    context.AddFailure($"Areas[{i}].Rule", $"Area '{area.Id}' has a rule but no projects.");
                }

                continue;
            }

            var rule = definition.ProjectRuleOf(area);
            if (rule is null)
            {
                context.AddFailure($"Areas[{i}].Rule",
                    $"Area '{area.Id}' has projects but no rule: give the area a 'rule', or the election a 'projectRule' for every area.");
                continue;
            }

            if (area.Rule is null && projectRuleChecked)
            {
                continue;
            }

            var field = area.Rule is null ? nameof(ElectionDefinition.ProjectRule) : $"Areas[{i}].Rule";
            projectRuleChecked |= area.Rule is null;
            try
            {
                if (string.IsNullOrWhiteSpace(rule.Name))
                {
                    throw new ArgumentException("The rule needs a name, for example greedy or equal-shares.");
                }

                RuleCatalog.Create(definition.ToRuleOptions(rule));
            }
            catch (ArgumentException e)
            {
                context.AddFailure(field, e.Message);
            }
        }
    }
}
