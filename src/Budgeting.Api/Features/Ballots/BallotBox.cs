using Budgeting.Api.Features.Elections;
using Budgeting.Elections;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// An election's definition turned into the Core's terms once, for checking ballots: a project election for project
/// votes, an allocation election for allocation votes. Checking is the Core's (<see cref="BallotValidator"/>,
/// <see cref="AllocationBallotValidator"/>); this only maps the request's fields onto it and back.
/// </summary>
public sealed class BallotBox
{
    /// <summary>Maps <paramref name="definition"/>.</summary>
    /// <exception cref="ArgumentException">The definition's projects or areas are not acceptable to the Core.</exception>
    public BallotBox(ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        if (definition.IsAllocation())
        {
            var areas = definition.Areas ?? [];
            Allocation = new AllocationElection(
                areas.Select(a => a.Id).ToList(),
                definition.Budget,
                areas.Select(a => a.Floor ?? 0).ToList(),
                areas.Select(a => a.Ceiling ?? definition.Budget).ToList());
            if (definition.IsHierarchical())
            {
                AreaBallots = areas.ToDictionary(a => a.Id, a => a.ToAreaBallotElection(definition.Budget), StringComparer.Ordinal);
                AreaProjects = definition.ToAreaProjectsElection();
                areaOf = areas.SelectMany(a => (a.Projects ?? []).Select(p => (p.Id, a.Id))).ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal);
            }
        }
        else
        {
            Projects = definition.ToElection();
        }
    }

    /// <summary>The definition.</summary>
    public ElectionDefinition Definition { get; }

    /// <summary>The Core election of a project vote, else <see langword="null"/>.</summary>
    public Election? Projects { get; }

    /// <summary>The Core election of an allocation vote, else <see langword="null"/>.</summary>
    public AllocationElection? Allocation { get; }

    /// <summary>
    /// For a hierarchical budget: each area's project ballot (its projects, approval ballots), by area id; else
    /// <see langword="null"/>.
    /// </summary>
    public IReadOnlyDictionary<string, Election>? AreaBallots { get; }

    /// <summary>
    /// For a hierarchical budget: every area's projects in one approval election (each project's category is its area),
    /// as paper ballots list them; else <see langword="null"/>.
    /// </summary>
    public Election? AreaProjects { get; }

    private readonly Dictionary<string, string>? areaOf;

    /// <summary>
    /// A hierarchical budget's approvals, all areas together (already checked against <see cref="AreaProjects"/>), as a
    /// ballot's <c>areaProjects</c>: by area id, in area order, each area's approved projects in the order given.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ByArea(IReadOnlyList<string> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var byArea = (Definition.Areas ?? []).Where(a => a.Projects is { Count: > 0 })
            .ToDictionary(a => a.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var id in projects)
        {
            byArea[areaOf![id]].Add(id);
        }

        return byArea.ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value, StringComparer.Ordinal);
    }

    /// <summary>The problems with <paramref name="ballot"/> by field (empty when it is valid), as a validation problem lists them.</summary>
    public Dictionary<string, string[]> Check(BallotRequest ballot, string personId)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var problems = new List<(string Field, string Message)>();
        if (Allocation is not null)
        {
            CheckAllocation(ballot, personId, problems);
        }
        else if (ballot.Projects is null)
        {
            problems.Add(("projects", $"This is a {Definition.BallotKind} ballot: give 'projects', not 'amounts'."));
        }
        else
        {
            problems.AddRange(BallotValidator.Validate(Projects!, new CastBallot(ballot.Projects, ballot.Points))
                .Select(p => (p.Field, p.Message)));
        }

        return problems.GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
    }

    private void CheckAllocation(BallotRequest ballot, string personId, List<(string Field, string Message)> problems)
    {
        var allocation = Allocation!;
        if (ballot.Amounts is null)
        {
            problems.Add(("amounts", "This is an allocation ballot: give 'amounts' for every area, not 'projects'."));
            return;
        }

        foreach (var key in ballot.Amounts.Keys.Where(k => allocation.IndexOf(k) < 0))
        {
            problems.Add(($"amounts.{key}", $"There is no area '{key}'."));
        }

        var amounts = new long[allocation.Areas.Count];
        for (var j = 0; j < amounts.Length; j++)
        {
            if (!ballot.Amounts.TryGetValue(allocation.Areas[j], out amounts[j]))
            {
                problems.Add(($"amounts.{allocation.Areas[j]}", $"There is no amount for area '{allocation.Areas[j]}'."));
            }
        }

        if (problems.Count > 0)
        {
            return;
        }

        foreach (var problem in AllocationBallotValidator.Validate(allocation, new AllocationBallot(personId, amounts)))
        {
            var field = problem.Field == AllocationBallotValidator.TotalField ? "amounts" : $"amounts.{problem.Field}";
            problems.Add((field, Sentence(problem.Message)));
        }

        CheckAreaProjects(ballot, problems);
    }

    // A hierarchical budget's project part: per area, only that area's projects, each named once.
    private void CheckAreaProjects(BallotRequest ballot, List<(string Field, string Message)> problems)
    {
        if (ballot.AreaProjects is null)
        {
            return;
        }

        if (AreaBallots is null)
        {
            problems.Add(("areaProjects", "This allocation vote has no projects in its areas: give 'amounts' only."));
            return;
        }

        foreach (var (area, chosen) in ballot.AreaProjects)
        {
            if (!AreaBallots.TryGetValue(area, out var election))
            {
                problems.Add(($"areaProjects.{area}", $"There is no area '{area}'."));
                continue;
            }

            var projects = chosen ?? [];
            var outside = false;
            for (var i = 0; i < projects.Count; i++)
            {
                var id = projects[i];
                if (!string.IsNullOrEmpty(id) && !election.TryGetIndex(id, out _))
                {
                    outside = true;
                    problems.Add(($"areaProjects.{area}[{i}]", areaOf!.TryGetValue(id, out var home)
                        ? $"Project '{id}' belongs to area '{home}', not '{area}'."
                        : $"There is no project '{id}' in area '{area}'."));
                }
            }

            if (!outside)
            {
                problems.AddRange(BallotValidator.Validate(election, new CastBallot(projects, null))
                    .Select(p => ($"areaProjects.{area}{p.Field["projects".Length..]}", p.Message)));
            }
        }
    }

    private static string Sentence(string fragment) =>
        fragment.Length == 0 ? fragment : char.ToUpperInvariant(fragment[0]) + fragment[1..] + (fragment.EndsWith('.') ? "" : ".");
}
