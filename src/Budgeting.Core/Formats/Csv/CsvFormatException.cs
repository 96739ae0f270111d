namespace Budgeting.Formats.Csv;

/// <summary>A CSV text that breaks RFC 4180's quoting rules (an unterminated quoted field, text after a closing quote).</summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for a problem on a line.</summary>
    /// <param name="line">The 1-based line where the problem is.</param>
    /// <param name="problem">What is wrong.</param>
    public CsvFormatException(int line, string problem)
        : base($"line {line}: {problem}")
    {
        Line = line;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CsvFormatException()
        : this(0, "invalid CSV")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CsvFormatException(string message)
        : base(message)
    {
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>The 1-based line where the problem is.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the line prefix.</summary>
    public string Problem { get; }
}
