using Budgeting.Elections;

namespace Budgeting.Tallying;

/// <summary>A rule that turns ballots into a set of funded projects.</summary>
public interface ITallyRule
{
    /// <summary>The rule's name and options, as recorded in the outcome.</summary>
    string Name { get; }

    /// <summary>Decides which projects are funded.</summary>
    /// <exception cref="TieException">Strict tie-breaking is on and a tie decides the outcome.</exception>
    Outcome Tally(Election election, Profile profile);
}
