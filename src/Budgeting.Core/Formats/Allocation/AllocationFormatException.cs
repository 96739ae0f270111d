namespace Budgeting.Formats.Allocation;

/// <summary>An allocation CSV file that cannot be read; the message reads <c>FILE:LINE: field 'X': what is wrong</c>.</summary>
public sealed class AllocationFormatException : FormatException
{
    /// <summary>Creates the exception for a problem in a field of a line.</summary>
    /// <param name="source">The file's name.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="field">The column (field) concerned, or null when the problem is the line's CSV syntax.</param>
    /// <param name="problem">What is wrong.</param>
    public AllocationFormatException(string source, int line, string? field, string problem)
        : base(field is null ? $"{source}:{line}: {problem}" : $"{source}:{line}: field '{field}': {problem}")
    {
        FileName = source;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public AllocationFormatException()
        : this("input", 0, null, "invalid allocation file")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public AllocationFormatException(string message)
        : base(message)
    {
        FileName = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public AllocationFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = string.Empty;
        Problem = message;
    }

    /// <summary>The file's name.</summary>
    public string FileName { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The field concerned, if any.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
