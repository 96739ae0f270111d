namespace Budgeting.Elections;

/// <summary>One problem found in a paper ballot file, located in it.</summary>
/// <param name="File">The file name given to the reader.</param>
/// <param name="Line">The 1-based line (1 is the header), or 0 when the problem concerns the file as a whole.</param>
/// <param name="Field">The column concerned.</param>
/// <param name="Message">What is wrong, in words an official can act on.</param>
public sealed record PaperBallotProblem(string File, int Line, string Field, string Message)
{
    /// <summary>The problem as one line: <c>FILE:LINE: column 'FIELD': MESSAGE</c>.</summary>
    public override string ToString() => $"{File}:{Line}: column '{Field}': {Message}";
}
