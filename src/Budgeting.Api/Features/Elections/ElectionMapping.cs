using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;
using Budgeting.Tallying.Rules;

namespace Budgeting.Api.Features.Elections;

/// <summary>Turns a stored <see cref="ElectionDefinition"/> into the Core's election and rule.</summary>
public static class ElectionMapping
{
    /// <summary>The ballot kind names the API accepts, in the order documentation lists them.</summary>
    public static IReadOnlyList<string> BallotKinds { get; } =
        ["approval", "choose-1", "cumulative", "scoring", "ordinal", "allocation"];

    /// <summary>Whether the definition is for an allocation vote (areas) rather than a project vote.</summary>
    public static bool IsAllocation(this ElectionDefinition definition) =>
        string.Equals(definition.BallotKind, "allocation", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the definition is a hierarchical budget: an allocation vote in which some area has projects, so that a
    /// project vote runs inside each area with the area's amount.
    /// </summary>
    public static bool IsHierarchical(this ElectionDefinition definition) =>
        definition.IsAllocation() && (definition.Areas ?? []).Any(a => a.Projects is { Count: > 0 });

    /// <summary>The rule of an area's project vote in a hierarchical budget: its own, else the election's project rule.</summary>
    public static RuleDefinition? ProjectRuleOf(this ElectionDefinition definition, AreaDefinition area) =>
        area?.Rule ?? definition?.ProjectRule;

    /// <summary>
    /// The Core election of a hierarchical budget's project votes: every area's projects, each with the area's id as its
    /// category (as <see cref="HierarchicalBudget"/> reads them), the whole budget, approval ballots without limits.
    /// </summary>
    public static Election ToAreaProjectsElection(this ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var projects = (definition.Areas ?? [])
            .SelectMany(a => (a.Projects ?? []).Select(p => new Project(p.Id, p.Cost, p.Name, a.Id)))
            .ToList();
        return new Election(projects, definition.Budget, BallotKind.Approval, BallotLimits.None, "hierarchical");
    }

    /// <summary>The Core election of one area's project ballot (its projects, approval, no limits), for checking ballots.</summary>
    public static Election ToAreaBallotElection(this AreaDefinition area, long budget)
    {
        ArgumentNullException.ThrowIfNull(area);
        return new Election((area.Projects ?? []).Select(p => new Project(p.Id, p.Cost, p.Name, area.Id)).ToList(), budget, BallotKind.Approval, BallotLimits.None);
    }

    /// <summary>The Core ballot kind of a project vote.</summary>
    /// <exception cref="ArgumentException">The kind is unknown or is <c>allocation</c>.</exception>
    public static BallotKind ToBallotKind(string kind) => kind.Trim().ToLowerInvariant() switch
    {
        "approval" => BallotKind.Approval,
        "choose-1" => BallotKind.ChooseOne,
        "cumulative" => BallotKind.Cumulative,
        "scoring" => BallotKind.Scoring,
        "ordinal" => BallotKind.Ordinal,
        _ => throw new ArgumentException($"'{kind}' is not a project ballot kind.", nameof(kind)),
    };

    /// <summary>The Core election of a project vote: projects, budget, ballot kind and limits.</summary>
    public static Election ToElection(this ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var projects = definition.Projects
            .Select(p => new Project(p.Id, p.Cost, p.Name, p.Category))
            .ToList();
        var l = definition.Limits ?? new LimitsDefinition();
        var limits = new BallotLimits(l.MinLength, l.MaxLength, l.MaxSumCost, l.MinSumPoints, l.MaxSumPoints, l.MinPoints, l.MaxPoints);
        return new Election(projects, definition.Budget, ToBallotKind(definition.BallotKind), limits, definition.Rule.Name);
    }

    /// <summary>The Core election of an allocation vote: the areas by id in definition order, the budget, floors and ceilings.</summary>
    /// <exception cref="ArgumentException">The areas or their bounds are not acceptable to the Core.</exception>
    public static AllocationElection ToAllocationElection(this ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var areas = definition.Areas ?? [];
        return new AllocationElection(
            areas.Select(a => a.Id).ToList(),
            definition.Budget,
            areas.Select(a => a.Floor ?? 0).ToList(),
            areas.Select(a => a.Ceiling ?? definition.Budget).ToList());
    }

    /// <summary>The rule options of a project vote, for <see cref="RuleCatalog.Create"/>.</summary>
    /// <exception cref="ArgumentException">The tie-break order or an option's value is not valid.</exception>
    public static RuleOptions ToRuleOptions(this ElectionDefinition definition, string? seed = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.ToRuleOptions(definition.Rule, seed);
    }

    /// <summary>The options of <paramref name="rule"/> (a project rule) with the election's tie-break and city, for <see cref="RuleCatalog.Create"/>.</summary>
    /// <exception cref="ArgumentException">The tie-break order or an option's value is not valid.</exception>
    public static RuleOptions ToRuleOptions(this ElectionDefinition definition, RuleDefinition rule, string? seed = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rule);
        return new RuleOptions(
            rule.Name,
            rule.Utility?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "cost" => Utility.Cost,
                "cardinality" => Utility.Cardinality,
                var other => throw new ArgumentException($"Unknown utility '{other}'; expected cost or cardinality."),
            },
            rule.Completion?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "none" => Completion.None,
                "add1" => Completion.Add1,
                "add1u" => Completion.Add1Utilitarian,
                var other => throw new ArgumentException($"Unknown completion '{other}'; expected none, add1 or add1u."),
            },
            rule.Integral,
            rule.Exhaustive,
            rule.Comparison,
            TieBreak.Parse(string.IsNullOrWhiteSpace(definition.TieBreak) ? "min-cost,max-votes,id" : definition.TieBreak, seed),
            definition.City);
    }
}
