using Budgeting.Arithmetic;

namespace Budgeting.Tallying;

/// <summary>Why a rule funded or skipped one project.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Funded">Whether it was funded.</param>
/// <param name="Round">The round or position in which the rule decided on it, counting from 1.</param>
/// <param name="Reason">A sentence a city official can read, for example "cost 120000 exceeds the remaining 80000".</param>
/// <param name="Score">The project's score, where the rule uses one.</param>
/// <param name="EffectiveVotes">Equal Shares: the effective vote count when funded.</param>
/// <param name="PaymentPerSupporter">Equal Shares: what each supporter who could afford it paid (per unit of utility for point ballots); Phragmén: the load.</param>
public sealed record Explanation(
    string ProjectId,
    bool Funded,
    int Round,
    string Reason,
    long? Score = null,
    Rational? EffectiveVotes = null,
    Rational? PaymentPerSupporter = null);
