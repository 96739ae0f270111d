using System.Runtime.CompilerServices;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Reads UTF-8 lines from a stream into one reusable buffer, without decoding them. A line ends at LF;
/// a CR before it is dropped; a byte-order mark at the start is skipped. A returned line stays valid
/// only until the next call.
/// </summary>
internal sealed class Utf8LineReader
{
    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private int scanned;
    private bool endOfStream;
    private bool bomChecked;

    public Utf8LineReader(Stream stream, int bufferSize = 1 << 16)
    {
        this.stream = stream;
        buffer = new byte[bufferSize];
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads the next line; false at the end of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = buffer.AsSpan(start + scanned, end - start - scanned);
            var newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = scanned + newline;
                line = TrimCarriageReturn(buffer.AsSpan(start, length));
                start += length + 1;
                scanned = 0;
                LineNumber++;
                return true;
            }

            scanned = end - start;
            if (endOfStream)
            {
                if (start < end)
                {
                    line = TrimCarriageReturn(buffer.AsSpan(start, end - start));
                    start = end;
                    scanned = 0;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    /// <summary>
    /// Reads the next line like <see cref="TryReadLine(out ReadOnlySpan{byte})"/>, and splits it with <paramref name="splitter"/>
    /// in the same pass when it can (<paramref name="split"/> true); otherwise the caller splits it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(FieldSplitter splitter, out ReadOnlySpan<byte> line, out bool split)
    {
        var length = scanned == 0 ? splitter.SplitLine(buffer.AsSpan(start, end - start)) : -1;
        if (length >= 0)
        {
            line = TrimCarriageReturn(buffer.AsSpan(start, length));
            start += length + 1;
            LineNumber++;
            split = true;
            return true;
        }

        split = false;
        return TryReadLine(out line);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            endOfStream = true;
        }

        end += read;
        if (!bomChecked && (end >= 3 || endOfStream))
        {
            bomChecked = true;
            if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
            {
                start = 3;
                scanned = 0;
            }
        }
    }
}
