using Budgeting.Elections;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// A hierarchical budget: an allocation vote splits the budget across areas, then a project vote (any
/// <see cref="ITallyRule"/>) runs inside each area with that area's amount as its budget. A project belongs to the area
/// its <see cref="Project.Category"/> names (trimmed, exactly one area name).
/// </summary>
public static class HierarchicalBudget
{
    /// <summary>Runs <paramref name="rule"/> in each area of <paramref name="allocation"/>.</summary>
    /// <exception cref="ArgumentException">A project's category is missing or names no area.</exception>
    public static IReadOnlyList<AreaProjectVote> Tally(AllocationOutcome allocation, Election election, Profile profile, ITallyRule rule)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(rule);
        return Tally(allocation, election, profile, allocation.Areas.Select(_ => (ITallyRule?)rule).ToList());
    }

    /// <summary>
    /// Runs <c>rules[a]</c> in area <c>a</c> of <paramref name="allocation"/> (one rule per area, in area order; an area's
    /// rule may be null only when the area has no projects).
    /// </summary>
    /// <exception cref="ArgumentException">A project's category is missing or names no area, there is not one rule per
    /// area, or an area with projects has no rule.</exception>
    public static IReadOnlyList<AreaProjectVote> Tally(AllocationOutcome allocation, Election election, Profile profile, IReadOnlyList<ITallyRule?> rules)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count != allocation.Areas.Count)
        {
            throw new ArgumentException($"There are {rules.Count} project rules for {allocation.Areas.Count} areas; give one per area.", nameof(rules));
        }

        var areaOf = new int[election.Projects.Count];
        for (var p = 0; p < election.Projects.Count; p++)
        {
            var project = election.Projects[p];
            var category = project.Category?.Trim() ?? string.Empty;
            areaOf[p] = allocation.Areas.ToList().IndexOf(category);
            if (areaOf[p] < 0)
            {
                throw new ArgumentException(category.Length == 0
                    ? $"Project '{project.Id}' has no category; in a hierarchical budget its category names its area ({string.Join(", ", allocation.Areas)})."
                    : $"Project '{project.Id}' has category '{category}', which is not an area ({string.Join(", ", allocation.Areas)}).");
            }
        }

        var votes = new AreaProjectVote[allocation.Areas.Count];
        for (var a = 0; a < votes.Length; a++)
        {
            var local = new int[election.Projects.Count];
            var projects = new List<Project>();
            for (var p = 0; p < local.Length; p++)
            {
                local[p] = areaOf[p] == a ? projects.Count : -1;
                if (areaOf[p] == a)
                {
                    projects.Add(election.Projects[p]);
                }
            }

            var rule = rules[a];
            if (rule is null && projects.Count > 0)
            {
                throw new ArgumentException($"Area '{allocation.Areas[a]}' has projects but no project rule.", nameof(rules));
            }

            var areaElection = new Election(projects, allocation.Amounts[a], election.BallotKind, BallotLimits.None, election.Rule, election.ScoreThreshold);
            var areaProfile = Restrict(profile, local, projects.Count, election.BallotKind == BallotKind.Ordinal);
            var outcome = projects.Count == 0 || areaProfile.VoterCount == 0 ? null : rule!.Tally(areaElection, areaProfile);
            votes[a] = new AreaProjectVote(allocation.Areas[a], areaElection, areaProfile, outcome);
        }

        return votes;
    }

    private static Profile Restrict(Profile profile, int[] local, int count, bool ranked)
    {
        var builder = new ProfileBuilder(count, ranked, profile.HasPoints);
        var projects = new List<int>();
        var points = new List<int>();
        for (var b = 0; b < profile.BallotCount; b++)
        {
            projects.Clear();
            points.Clear();
            var ballot = profile.Projects(b);
            var ballotPoints = profile.Points(b);
            for (var e = 0; e < ballot.Length; e++)
            {
                if (local[ballot[e]] >= 0)
                {
                    projects.Add(local[ballot[e]]);
                    if (profile.HasPoints)
                    {
                        points.Add(ballotPoints[e]);
                    }
                }
            }

            if (projects.Count > 0)
            {
                builder.Add(projects.ToArray(), points.ToArray(), profile.Multiplicity(b));
            }
        }

        return builder.Build();
    }
}
