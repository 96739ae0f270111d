namespace Budgeting.Audit;

/// <summary>Everything an audit bundle holds, as <see cref="AuditBundle.Write"/> takes it (see docs/audit-bundle.md).</summary>
/// <param name="ElectionJson">The election's definition as the service stores it (<c>election.json</c>).</param>
/// <param name="RuleJson">The rule and its options (<c>rule.json</c>, from <see cref="TallySettings.Write"/>).</param>
/// <param name="CategoriesCsv">The categories (quotas) file as uploaded, byte for byte.</param>
/// <param name="PoolSha256">SHA-256 of the people file as uploaded; the pool itself is never published.</param>
/// <param name="PanelFeaturesCsv">The features of everyone on some panel (<see cref="PanelFeatures.Write"/>).</param>
/// <param name="Rounds">The lottery rounds, round 0 first.</param>
/// <param name="Panel">The drawn panelists by pseudonym.</param>
/// <param name="BallotsPb">The anonymised ballots: for a project vote a Pabulib file (<see cref="AnonymousBallots.Write"/>),
/// for an allocation vote a CSV file (<see cref="AnonymousAllocationBallots.Write"/>).</param>
/// <param name="ResultsJson">The published results: the JSON report of the tally (or aggregation) of the ballots.</param>
/// <param name="BallotsFile">The ballots' name in the bundle: <see cref="AuditBundle.Ballots"/> (<c>ballots.pb</c>) for a project
/// vote, <see cref="AuditBundle.AllocationBallots"/> (<c>ballots.csv</c>) for an allocation vote, whose <paramref name="RuleJson"/>
/// is then <see cref="AllocationSettings.ToBytes"/>.</param>
/// <param name="ProjectsPb">For a hierarchical budget: the anonymised project ballots of its areas
/// (<see cref="AuditBundle.ProjectBallots"/>, written by <see cref="AnonymousBallots.Write"/> with the seed
/// <c>SEED + "/projects"</c>); null otherwise.</param>
public sealed record AuditBundleContents(
    byte[] ElectionJson,
    byte[] RuleJson,
    byte[] CategoriesCsv,
    string PoolSha256,
    byte[] PanelFeaturesCsv,
    IReadOnlyList<AuditRound> Rounds,
    IReadOnlyList<AuditPanelist> Panel,
    byte[] BallotsPb,
    byte[] ResultsJson,
    string BallotsFile = AuditBundle.Ballots,
    byte[]? ProjectsPb = null);
