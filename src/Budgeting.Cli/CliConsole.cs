namespace Budgeting.Cli;

/// <summary>
/// Where the CLI writes: standard output and error as text writers, so tests can capture them. When
/// <see cref="OutputStream"/> is set (the real process), binary-safe output such as a Pabulib file is streamed to it
/// directly; otherwise it is decoded as UTF-8 and written to <see cref="Out"/>.
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="ErrorIsTerminal">Whether standard error is a terminal: progress is shown by default only then.</param>
/// <param name="OutputStream">The raw standard output stream, if any.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal = false, Stream? OutputStream = null)
{
    /// <summary>The process's own console.</summary>
    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsErrorRedirected, Console.OpenStandardOutput());
}
