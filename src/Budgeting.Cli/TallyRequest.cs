namespace Budgeting.Cli;

/// <summary>The arguments of one <c>budgeting tally</c> run, as parsed from the command line.</summary>
internal sealed record TallyRequest(
    FileInfo File,
    string Rule,
    string? Utility,
    string? Completion,
    bool Integral,
    bool Exhaustive,
    bool Comparison,
    string TieBreak,
    string? Seed,
    bool StrictTies,
    string Format,
    FileInfo? Out);
