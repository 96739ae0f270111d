using FluentValidation;

namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// Checks a ballot's shape before it is compared with its election: a list of projects or a set of amounts, within
/// sensible sizes. Whether the projects exist and the limits hold is the Core's <c>BallotValidator</c>'s to say.
/// </summary>
public sealed class BallotRequestValidator : AbstractValidator<BallotRequest>
{
    /// <summary>The most entries a ballot may hold (projects, points or areas).</summary>
    public const int MaxEntries = 1000;

    /// <summary>Creates the validator.</summary>
    public BallotRequestValidator()
    {
        RuleFor(b => b).Must(b => (b.Projects is null) != (b.Amounts is null))
            .WithName("ballot")
            .WithMessage("A ballot gives either 'projects' (a project vote) or 'amounts' (an allocation vote).");
        RuleFor(b => b.Projects!.Count).LessThanOrEqualTo(MaxEntries).OverridePropertyName("projects").When(b => b.Projects is not null);
        RuleForEach(b => b.Projects).NotEmpty().MaximumLength(100).OverridePropertyName("projects");
        RuleFor(b => b.Points!.Count).LessThanOrEqualTo(MaxEntries).OverridePropertyName("points").When(b => b.Points is not null);
        RuleFor(b => b.Points).Null().When(b => b.Amounts is not null)
            .WithMessage("An allocation ballot gives amounts, not points.").OverridePropertyName("points");
        RuleFor(b => b.Amounts!.Count).LessThanOrEqualTo(MaxEntries).OverridePropertyName("amounts").When(b => b.Amounts is not null);
        RuleFor(b => b.AreaProjects).Null().When(b => b.Amounts is null)
            .WithMessage("'areaProjects' goes with 'amounts': it is the project part of a hierarchical budget's ballot.").OverridePropertyName("areaProjects");
        RuleFor(b => b.AreaProjects).Must(a => a!.Values.Sum(v => v is null ? 0 : v.Count) <= MaxEntries).OverridePropertyName("areaProjects")
            .WithMessage($"A ballot may name at most {MaxEntries} projects in all areas together.").When(b => b.AreaProjects is not null);
        RuleFor(b => b.AreaProjects!.Count).LessThanOrEqualTo(MaxEntries).OverridePropertyName("areaProjects").When(b => b.AreaProjects is not null);
    }
}
