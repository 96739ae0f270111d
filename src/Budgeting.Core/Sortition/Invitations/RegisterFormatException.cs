namespace Budgeting.Sortition.Invitations;

/// <summary>A malformed register CSV: the message reads <c>FILE:LINE:COLUMN: what is wrong</c>.</summary>
public sealed class RegisterFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="file"/> at 1-based <paramref name="line"/> and <paramref name="column"/>.</summary>
    public RegisterFormatException(string file, long line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The register file as named by the caller.</summary>
    public string File { get; }

    /// <summary>The 1-based line.</summary>
    public long Line { get; }

    /// <summary>The 1-based column, counted in characters.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
