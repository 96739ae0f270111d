namespace Budgeting.Formats.Pabulib;

/// <summary>
/// A Pabulib file that cannot be read. The message is one line, <c>FILE:LINE: field 'X': what is wrong</c>.
/// </summary>
public sealed class PabulibFormatException : FormatException
{
    /// <summary>Creates the exception for a problem at a place in a file.</summary>
    /// <param name="file">The file name given to the reader.</param>
    /// <param name="line">The 1-based line number in the (decompressed) file.</param>
    /// <param name="field">The section, key or column concerned.</param>
    /// <param name="problem">What is wrong, without the location prefix.</param>
    public PabulibFormatException(string file, int line, string field, string problem)
        : base($"{file}:{line}: field '{field}': {problem}")
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only (for serializers and tooling); prefer the located constructor.</summary>
    public PabulibFormatException()
        : this("?", 0, "?", "invalid Pabulib file")
    {
    }

    /// <summary>Creates the exception with a message only; prefer the located constructor.</summary>
    public PabulibFormatException(string message)
        : base(message)
    {
        File = "?";
        Field = "?";
        Problem = message;
    }

    /// <summary>Creates the exception with a message and a cause; prefer the located constructor.</summary>
    public PabulibFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "?";
        Field = "?";
        Problem = message;
    }

    /// <summary>The file name given to the reader.</summary>
    public string File { get; }

    /// <summary>The 1-based line number in the (decompressed) file.</summary>
    public int Line { get; }

    /// <summary>The section, key or column concerned, such as <c>cost</c> or <c>VOTES</c>.</summary>
    public string Field { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string Problem { get; }
}
