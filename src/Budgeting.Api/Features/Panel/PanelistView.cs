namespace Budgeting.Api.Features.Panel;

/// <summary>A member of the drawn panel as officials see them (never whether or how they voted).</summary>
/// <param name="PersonId">The person's id in the pool.</param>
/// <param name="Pseudonym">The pseudonym used wherever the panel is published.</param>
/// <param name="Round">The lottery round that drew them (0: the panel draw).</param>
/// <param name="Status"><c>active</c>, or <c>dropped</c> once replaced (their token no longer works).</param>
/// <param name="HasToken">Whether a voting token has been issued to them.</param>
public sealed record PanelistView(string PersonId, string Pseudonym, int Round, string Status, bool HasToken);
