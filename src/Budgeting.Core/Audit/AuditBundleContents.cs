namespace Budgeting.Audit;

/// <summary>Everything an audit bundle holds, as <see cref="AuditBundle.Write"/> takes it (see docs/audit-bundle.md).</summary>
/// <param name="ElectionJson">The election's definition as the service stores it (<c>election.json</c>).</param>
/// <param name="RuleJson">The rule and its options (<c>rule.json</c>, from <see cref="TallySettings.Write"/>).</param>
/// <param name="CategoriesCsv">The categories (quotas) file as uploaded, byte for byte.</param>
/// <param name="PoolSha256">SHA-256 of the people file as uploaded; the pool itself is never published.</param>
/// <param name="PanelFeaturesCsv">The features of everyone on some panel (<see cref="PanelFeatures.Write"/>).</param>
/// <param name="Rounds">The lottery rounds, round 0 first.</param>
/// <param name="Panel">The drawn panelists by pseudonym.</param>
/// <param name="BallotsPb">The anonymised ballots (<see cref="AnonymousBallots.Write"/>).</param>
/// <param name="ResultsJson">The published results: the JSON report of the tally of <c>ballots.pb</c>.</param>
public sealed record AuditBundleContents(
    byte[] ElectionJson,
    byte[] RuleJson,
    byte[] CategoriesCsv,
    string PoolSha256,
    byte[] PanelFeaturesCsv,
    IReadOnlyList<AuditRound> Rounds,
    IReadOnlyList<AuditPanelist> Panel,
    byte[] BallotsPb,
    byte[] ResultsJson);
