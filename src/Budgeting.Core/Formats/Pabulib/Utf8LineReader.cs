using System.Buffers;
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
    private bool rented; // buffer comes from the shared pool (see Release)

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

    /// <summary>
    /// Reads ahead until at least <paramref name="minimum"/> bytes (or the rest of the stream) wait in the buffer, and
    /// gives the whole lines among them without consuming anything: the bytes from the next line up to and including
    /// the last line feed, or up to the end of the stream. Call only between lines (after <see cref="TryReadLine(out ReadOnlySpan{byte})"/>
    /// returned a line). False when nothing is left, or when no line ends within the bytes read. The bytes stay valid
    /// until the next call that reads; <see cref="Skip"/> consumes them.
    /// </summary>
    public bool TryPeekLines(int minimum, out byte[] lines, out int offset, out int length)
    {
        lines = buffer;
        offset = start;
        length = 0;
        if (scanned != 0)
        {
            return false;
        }

        var wanted = minimum;
        if (stream.CanSeek)
        {
            // Room for the rest of a short stream, plus one byte to see its end without growing again.
            var rest = stream.Length - stream.Position + (end - start);
            wanted = (int)Math.Min(wanted, rest + 1);
        }

        if (buffer.Length - start < wanted)
        {
            Reserve(wanted);
        }

        while (end - start < minimum && !endOfStream)
        {
            Fill();
        }

        var ready = buffer.AsSpan(start, end - start);
        length = endOfStream ? ready.Length : ready.LastIndexOf((byte)'\n') + 1;
        lines = buffer;
        offset = start;
        return length > 0;
    }

    /// <summary>Consumes <paramref name="length"/> bytes given by <see cref="TryPeekLines"/>, which hold <paramref name="lines"/> lines.</summary>
    public void Skip(int length, int lines)
    {
        start += length;
        scanned = 0;
        LineNumber += lines;
    }

    /// <summary>Gives a buffer taken from the shared pool back; the reader must not be used afterwards.</summary>
    public void Release()
    {
        if (rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            rented = false;
        }

        buffer = [];
    }

    /// <summary>Moves the unread bytes to the front of a buffer of at least <paramref name="capacity"/> bytes from the shared pool.</summary>
    private void Reserve(int capacity)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, buffer.Length));
        buffer.AsSpan(start, end - start).CopyTo(bigger);
        if (rented)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        buffer = bigger;
        rented = true;
        end -= start;
        start = 0;
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
            Reserve(buffer.Length * 2);
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
