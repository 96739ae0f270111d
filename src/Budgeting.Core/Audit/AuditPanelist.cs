namespace Budgeting.Audit;

/// <summary>A row of the audit bundle's <c>panel.csv</c>: a drawn panelist, by pseudonym only.</summary>
/// <param name="Pseudonym">The pseudonym the service gave the panelist (never the pool id).</param>
/// <param name="Round">The lottery round that drew the panelist.</param>
/// <param name="Status"><c>active</c>, or <c>dropped</c> when a later round replaced the panelist.</param>
public sealed record AuditPanelist(string Pseudonym, int Round, string Status);
