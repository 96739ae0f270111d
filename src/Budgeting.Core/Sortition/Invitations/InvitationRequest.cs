using Budgeting.Arithmetic;

namespace Budgeting.Sortition.Invitations;

/// <summary>What to draw from a register: see <see cref="InvitationSampler"/> and docs/randomness.md.</summary>
/// <param name="Strata">The columns whose values define the strata (at least one), in order.</param>
/// <param name="Count">How many letters to send.</param>
/// <param name="Seed">The public seed (for example an RFC 3797 key string).</param>
/// <param name="HouseholdColumns">Columns whose normalized values together identify a household (one letter per household); empty: every row is its own household.</param>
/// <param name="Oversample">Oversampling factors by stratum name (values joined by <c>|</c>); strata not named have factor 1.</param>
public sealed record InvitationRequest(
    IReadOnlyList<string> Strata,
    int Count,
    string Seed,
    IReadOnlyList<string> HouseholdColumns,
    IReadOnlyDictionary<string, Rational> Oversample);
