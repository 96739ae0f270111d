namespace Budgeting.Elections;

/// <summary>
/// What is being decided: the projects, the budget, the kind of ballot and its limits, and the
/// rule the organisers declared. The ballots themselves are held separately in a <see cref="Profile"/>.
/// </summary>
public sealed record Election
{
    private readonly Dictionary<string, int> indexById;

    /// <summary>Creates an election. Project ids must be unique and costs positive.</summary>
    /// <exception cref="ArgumentException">A project id repeats or a cost is not positive.</exception>
    public Election(IReadOnlyList<Project> projects, long budget, BallotKind ballotKind, BallotLimits? limits = null, string rule = "unknown", long? scoreThreshold = null)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        indexById = new Dictionary<string, int>(projects.Count, StringComparer.Ordinal);
        for (var i = 0; i < projects.Count; i++)
        {
            if (projects[i].Cost <= 0)
            {
                throw new ArgumentException($"Project '{projects[i].Id}' has cost {projects[i].Cost}; a cost must be positive.", nameof(projects));
            }

            if (!indexById.TryAdd(projects[i].Id, i))
            {
                throw new ArgumentException($"Project id '{projects[i].Id}' appears twice.", nameof(projects));
            }
        }

        Projects = projects;
        Budget = budget;
        BallotKind = ballotKind;
        Limits = limits ?? BallotLimits.None;
        Rule = rule;
        ScoreThreshold = scoreThreshold;
    }

    /// <summary>The projects, in the order the election lists them. Ballots refer to them by index.</summary>
    public IReadOnlyList<Project> Projects { get; }

    /// <summary>The money to spend, in the smallest currency unit.</summary>
    public long Budget { get; }

    /// <summary>The kind of ballot voters cast.</summary>
    public BallotKind BallotKind { get; }

    /// <summary>The limits each ballot must respect.</summary>
    public BallotLimits Limits { get; }

    /// <summary>The rule the organisers declared (Pabulib's <c>rule</c>), such as <c>greedy</c>.</summary>
    public string Rule { get; }

    /// <summary>The least score a project needs to be funded (<c>min_project_score_threshold</c>), if any.</summary>
    public long? ScoreThreshold { get; }

    /// <summary>The index of the project with this id.</summary>
    /// <exception cref="KeyNotFoundException">No project has this id.</exception>
    public int IndexOf(string projectId) => indexById[projectId];

    /// <summary>Looks up the index of the project with this id.</summary>
    public bool TryGetIndex(string projectId, out int index) => indexById.TryGetValue(projectId, out index);
}
