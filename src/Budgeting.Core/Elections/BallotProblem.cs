namespace Budgeting.Elections;

/// <summary>A reason a ballot is not valid, naming the field it concerns.</summary>
/// <param name="Field">The field: <c>projects</c>, <c>points</c>, or one entry such as <c>projects[2]</c> or <c>points[0]</c>.</param>
/// <param name="Message">A sentence a voter can act on.</param>
public sealed record BallotProblem(string Field, string Message);
