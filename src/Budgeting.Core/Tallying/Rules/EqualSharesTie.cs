namespace Budgeting.Tallying.Rules;

/// <summary>A tie met in one round of an Equal Shares run.</summary>
/// <param name="Round">The round, counting from 1.</param>
/// <param name="Tied">The tied projects, best tie-break rank first.</param>
/// <param name="Chosen">The project the tie-break order picked.</param>
/// <param name="SupportersOverlap">Whether two tied projects share a supporter who still has money; if not, the order cannot change the funded set.</param>
internal sealed record EqualSharesTie(int Round, IReadOnlyList<int> Tied, int Chosen, bool SupportersOverlap);
