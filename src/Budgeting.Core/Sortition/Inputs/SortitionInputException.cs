namespace Budgeting.Sortition.Inputs;

/// <summary>
/// The people or categories file cannot be used. <see cref="Problems"/> lists every problem found (not just the
/// first), each with its file, line and column; the message holds them one per line.
/// </summary>
public sealed class SortitionInputException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public SortitionInputException(IReadOnlyList<SortitionInputProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SortitionInputException()
        : this("invalid sortition input")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SortitionInputException(string message)
        : base(message)
    {
        Problems = [new SortitionInputProblem("?", 0, "?", message)];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SortitionInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new SortitionInputProblem("?", 0, "?", message)];
    }

    /// <summary>Every problem found, in file then line order.</summary>
    public IReadOnlyList<SortitionInputProblem> Problems { get; }

    /// <summary>The first problem's file.</summary>
    public string File => Problems[0].File;

    /// <summary>The first problem's line.</summary>
    public int Line => Problems[0].Line;

    /// <summary>The first problem's column.</summary>
    public string Field => Problems[0].Field;

    private static string Describe(IReadOnlyList<SortitionInputProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is needed.", nameof(problems));
        }

        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{problems.Count} {noun} in the sortition input:" + "\n" +
            string.Join("\n", problems.Select(p => p.ToString()));
    }
}
