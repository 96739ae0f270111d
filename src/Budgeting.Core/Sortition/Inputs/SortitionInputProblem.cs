namespace Budgeting.Sortition.Inputs;

/// <summary>One problem found in the sortition inputs, located in its file.</summary>
/// <param name="File">The file name given to the reader.</param>
/// <param name="Line">The 1-based line in the file (1 is the header), or 0 when the problem concerns the file as a whole.</param>
/// <param name="Field">The column (or feature) concerned.</param>
/// <param name="Message">What is wrong, in words an organiser can act on.</param>
public sealed record SortitionInputProblem(string File, int Line, string Field, string Message)
{
    /// <summary>The problem as one line: <c>FILE:LINE: column 'FIELD': MESSAGE</c>.</summary>
    public override string ToString() => $"{File}:{Line}: column '{Field}': {Message}";
}
