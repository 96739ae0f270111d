using System.Globalization;

namespace Budgeting.Elections;

/// <summary>
/// Checks a <see cref="CastBallot"/> against its election: every project it names must exist and be named once, and
/// the ballot must respect the ballot kind (choose-1 names one project; cumulative and scoring ballots give points,
/// the others do not) and every declared limit (<see cref="BallotLimits"/>): the number of projects, the cost cap of a
/// knapsack ballot, the points per project and in total. All problems are reported, each naming its field, so that a
/// ballot page or a paper-ballot import can show them all at once.
/// </summary>
public static class BallotValidator
{
    /// <summary>Whether ballots of this kind give points to the projects they name.</summary>
    public static bool TakesPoints(BallotKind kind) => kind is BallotKind.Cumulative or BallotKind.Scoring;

    /// <summary>The name of a ballot kind as Pabulib and the service spell it, for example <c>choose-1</c>.</summary>
    public static string Name(BallotKind kind) => kind switch
    {
        BallotKind.Approval => "approval",
        BallotKind.ChooseOne => "choose-1",
        BallotKind.Cumulative => "cumulative",
        BallotKind.Scoring => "scoring",
        BallotKind.Ordinal => "ordinal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ballot kind."),
    };

    /// <summary>The problems with <paramref name="ballot"/>, in field order; an empty list when it is valid.</summary>
    public static IReadOnlyList<BallotProblem> Validate(Election election, CastBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(ballot);
        var problems = new List<BallotProblem>();
        var kind = Name(election.BallotKind);
        if (ballot.Projects is null)
        {
            problems.Add(new("projects", "The ballot must list the projects it names (an empty list names none)."));
            return problems;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var indices = new int?[ballot.Projects.Count];
        long cost = 0;
        for (var i = 0; i < ballot.Projects.Count; i++)
        {
            var id = ballot.Projects[i];
            var field = Field("projects", i);
            if (string.IsNullOrEmpty(id) || !election.TryGetIndex(id, out var index))
            {
                problems.Add(new(field, $"There is no project '{id}' on this ballot."));
            }
            else if (!seen.Add(id))
            {
                problems.Add(new(field, $"Project '{id}' is named twice."));
            }
            else
            {
                indices[i] = index;
                cost += election.Projects[index].Cost;
            }
        }

        var count = ballot.Projects.Count;
        var limits = election.Limits;
        if (election.BallotKind == BallotKind.ChooseOne && count != 1)
        {
            problems.Add(new("projects", $"A choose-1 ballot names exactly one project; this one names {Projects(count)}."));
        }
        else if (limits.MinLength is { } min && count < min)
        {
            problems.Add(new("projects", $"The ballot names {Projects(count)}; it must name at least {min}."));
        }
        else if (limits.MaxLength is { } max && count > max)
        {
            problems.Add(new("projects", $"The ballot names {Projects(count)}; it may name at most {max}."));
        }

        if (limits.MaxSumCost is { } cap && cost > cap)
        {
            problems.Add(new("projects", $"The projects chosen cost {Number(cost)} in all, more than the {Number(cap)} a ballot may spend."));
        }

        CheckPoints(election, ballot, kind, indices, problems);
        return problems;
    }

    private static void CheckPoints(Election election, CastBallot ballot, string kind, int?[] indices, List<BallotProblem> problems)
    {
        var points = ballot.Points;
        if (!TakesPoints(election.BallotKind))
        {
            if (points is { Count: > 0 })
            {
                problems.Add(new("points", $"{Article(kind)} {kind} ballot gives no points; leave the points out."));
            }

            return;
        }

        if (points is null)
        {
            problems.Add(new("points", $"A {kind} ballot gives points to each project it names; the points are missing."));
            return;
        }

        if (points.Count != ballot.Projects.Count)
        {
            problems.Add(new("points", $"Points are given for {Projects(points.Count)}, but the ballot names {Projects(ballot.Projects.Count)}; give one number per project."));
            return;
        }

        var limits = election.Limits;
        long total = 0;
        var totalKnown = true;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var field = Field("points", i);
            var project = indices[i] is { } index ? $"project '{election.Projects[index].Id}'" : $"entry {i + 1}";
            if (p < 0)
            {
                problems.Add(new(field, $"{Capital(project)} gets {Number(p)} points; points cannot be negative."));
                totalKnown = false;
                continue;
            }

            if (p > int.MaxValue)
            {
                problems.Add(new(field, $"{Capital(project)} gets {Number(p)} points, more than {Number(int.MaxValue)}."));
                totalKnown = false;
                continue;
            }

            if (limits.MinPoints is { } minPoints && p < minPoints)
            {
                problems.Add(new(field, $"{Capital(project)} gets {Number(p)} points; each project named must get at least {Number(minPoints)}."));
            }
            else if (limits.MaxPoints is { } maxPoints && p > maxPoints)
            {
                problems.Add(new(field, $"{Capital(project)} gets {Number(p)} points; a project may get at most {Number(maxPoints)}."));
            }

            total += p;
        }

        if (!totalKnown)
        {
            return;
        }

        if (limits.MinSumPoints is { } minSum && total < minSum)
        {
            problems.Add(new("points", $"The ballot gives {Number(total)} points in all; it must give at least {Number(minSum)}."));
        }
        else if (limits.MaxSumPoints is { } maxSum && total > maxSum)
        {
            problems.Add(new("points", $"The ballot gives {Number(total)} points in all; it may give at most {Number(maxSum)}."));
        }
    }

    private static string Field(string name, int index) => string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Projects(int count) => count == 1 ? "1 project" : string.Create(CultureInfo.InvariantCulture, $"{count} projects");

    private static string Article(string kind) => kind is "approval" or "ordinal" ? "An" : "A";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
