namespace Budgeting.Formats.Pabulib;

/// <summary>Something in a Pabulib file that the reader tolerated but the user should know about.</summary>
/// <param name="File">The file name given to the reader.</param>
/// <param name="Line">The 1-based line in the file, or 0 when the warning concerns the whole file (such as a count of repeated warnings).</param>
/// <param name="Message">What was found and what the reader did about it.</param>
public sealed record PabulibWarning(string File, int Line, string Message)
{
    /// <summary>The warning as one line, <c>FILE:LINE: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {Message}";
}
