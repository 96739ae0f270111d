using Budgeting.Elections;

namespace Budgeting.Tallying.Allocation;

/// <summary>The project vote inside one area of a hierarchical budget.</summary>
/// <param name="Area">The area.</param>
/// <param name="Election">The area's projects, with the area's amount as budget.</param>
/// <param name="Profile">The ballots restricted to the area's projects (voters who chose none of them left out).</param>
/// <param name="Outcome">The project rule's outcome, or null when the area has no projects or no voter chose any.</param>
public sealed record AreaProjectVote(string Area, Election Election, Profile Profile, Outcome? Outcome);
