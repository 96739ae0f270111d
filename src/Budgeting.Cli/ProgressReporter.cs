using System.Diagnostics;
using System.Globalization;

namespace Budgeting.Cli;

/// <summary>
/// Progress messages on standard error: the phase ("reading", "tallying", …) and, while reading, the share of bytes read.
/// On a terminal the reading line is redrawn in place; elsewhere each 10% step is its own line. Silent when disabled.
/// </summary>
internal sealed class ProgressReporter(TextWriter error, bool enabled, bool terminal)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int lastPercent = -1;
    private bool lineOpen;

    /// <summary>Whether messages are written at all.</summary>
    public bool Enabled => enabled;

    /// <summary>Announces a phase, for example "tallying with equal-shares".</summary>
    public void Phase(string message)
    {
        if (!enabled)
        {
            return;
        }

        EndLine();
        error.Write(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {message}\n"));
        error.Flush();
    }

    /// <summary>Reports that <paramref name="done"/> of <paramref name="total"/> bytes of <paramref name="name"/> were read.</summary>
    public void Bytes(string name, long done, long total)
    {
        if (!enabled || total <= 0)
        {
            return;
        }

        var percent = (int)(done * 100 / total);
        var step = terminal ? 1 : 10;
        if (percent / step == lastPercent / step)
        {
            return;
        }

        lastPercent = percent;
        var text = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] reading {name}… {percent}%");
        if (terminal)
        {
            error.Write("\r" + text);
            lineOpen = true;
        }
        else
        {
            error.Write(text + "\n");
        }

        error.Flush();
    }

    /// <summary>Ends a line redrawn in place, if one is open.</summary>
    public void EndLine()
    {
        if (lineOpen)
        {
            error.Write('\n');
            lineOpen = false;
        }
    }
}
