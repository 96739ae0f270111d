namespace Budgeting.Cli;

/// <summary>The process exit codes of <c>budgeting</c>; the README's CLI reference lists them too.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>An unexpected failure (a bug, or the machine ran out of something).</summary>
    public const int Unexpected = 1;

    /// <summary>Malformed input or bad usage: one line on stderr says what and where.</summary>
    public const int BadInput = 2;

    /// <summary><c>--strict-ties</c> is on and a tie would decide the outcome: nothing is written.</summary>
    public const int StrictTie = 3;
}
