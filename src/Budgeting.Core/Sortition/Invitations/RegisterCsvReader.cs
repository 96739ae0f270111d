using System.Runtime.CompilerServices;
using System.Buffers;
using System.Text;

namespace Budgeting.Sortition.Invitations;

/// <summary>
/// Streams a CSV file (RFC 4180: comma separated, fields optionally in double quotes with <c>""</c> for a quote, CRLF
/// or LF line ends, UTF-8 with or without BOM) one record at a time, without turning records into strings: fields are
/// byte ranges into a buffer that is reused. A quoted field may span lines. Fully empty lines are skipped.
/// </summary>
internal sealed class RegisterCsvReader : IDisposable
{
    private static readonly SearchValues<byte> Stops = SearchValues.Create(",\n\""u8);
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly string fileName;
    private byte[] buffer;
    private long bufferOffset;
    private int start;
    private int end;
    private bool eof;
    private bool first = true;
    private long nextLine = 1;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private bool[] quoted = new bool[32];
    private int recordStart;
    private int recordEnd;

    public RegisterCsvReader(Stream stream, string fileName, int bufferSize = 1 << 20)
    {
        this.stream = stream;
        this.fileName = fileName;
        buffer = new byte[bufferSize];
    }

    /// <summary>The byte offset in the file where the current record starts.</summary>
    public long RecordOffset => bufferOffset + recordStart;

    /// <summary>
    /// Continues reading at byte <paramref name="offset"/> of the file (the start of a record found by an earlier
    /// pass); the buffer is reused when it already holds that position. Line numbers are not tracked after a seek.
    /// </summary>
    public void Seek(long offset)
    {
        first = false;
        if (offset >= bufferOffset + start && offset < bufferOffset + end)
        {
            start = (int)(offset - bufferOffset);
            return;
        }

        stream.Position = offset;
        bufferOffset = offset;
        start = 0;
        end = 0;
        eof = false;
    }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>The 1-based line where the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>The current record as it is in the file, without its line end.</summary>
    public ReadOnlySpan<byte> Record => buffer.AsSpan(recordStart, recordEnd - recordStart);

    /// <summary>Moves to the next record; false at the end of the file.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        while (true)
        {
            if (start == end && eof)
            {
                return false;
            }

            if (start == end || first)
            {
                Fill();
                if (first && end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF)
                {
                    start += 3;
                }

                first = false;
                continue;
            }

            if (!TryParse(out var next, out var lines))
            {
                Fill();
                continue;
            }

            Line = nextLine;
            nextLine += lines;
            start = next;
            if (FieldCount == 1 && recordEnd == recordStart)
            {
                continue; // an empty line
            }

            return true;
        }
    }

    /// <summary>The raw bytes of field <paramref name="field"/> (quotes removed, <c>""</c> not yet unescaped).</summary>
    public ReadOnlySpan<byte> RawField(int field) => buffer.AsSpan(starts[field], ends[field] - starts[field]);

    /// <summary>Decodes field <paramref name="field"/> into <paramref name="chars"/> (grown when needed) at <paramref name="offset"/>; returns the new end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Decode(int field, ref char[] chars, int offset)
    {
        var raw = RawField(field);
        var needed = offset + raw.Length;
        if (chars.Length < needed)
        {
            Array.Resize(ref chars, Math.Max(needed, chars.Length * 2));
        }

        int count;
        try
        {
            if (Ascii.ToUtf16(raw, chars.AsSpan(offset), out count) != OperationStatus.Done)
            {
                count = Strict.GetChars(raw, chars.AsSpan(offset));
            }
        }
        catch (DecoderFallbackException)
        {
            throw Error(starts[field], "the field is not valid UTF-8");
        }

        if (quoted[field])
        {
            // Unescape "" to " in place.
            var span = chars.AsSpan(offset, count);
            var write = 0;
            for (var read = 0; read < span.Length; read++)
            {
                span[write++] = span[read];
                if (span[read] == '"')
                {
                    read++;
                }
            }

            count = write;
        }

        return offset + count;
    }

    /// <summary>Field <paramref name="field"/> as a string.</summary>
    public string GetString(int field)
    {
        var chars = new char[RawField(field).Length];
        var length = Decode(field, ref chars, 0);
        return new string(chars, 0, length);
    }

    /// <summary>An error located at the start of field <paramref name="field"/> (its opening quote when quoted).</summary>
    public RegisterFormatException ErrorAtField(int field, string problem) => Error(starts[field] - (quoted[field] ? 1 : 0), problem);

    /// <summary>An error located just after the current record's last character.</summary>
    public RegisterFormatException ErrorAtEnd(string problem) => Error(recordEnd, problem);

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();

    private RegisterFormatException Error(int position, string problem)
    {
        var before = buffer.AsSpan(recordStart, position - recordStart);
        var line = Line + before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return new RegisterFormatException(fileName, line, column, problem);
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            bufferOffset += start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        while (end < buffer.Length)
        {
            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                eof = true;
                return;
            }

            end += read;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddField(int from, int to, bool isQuoted)
    {
        if (FieldCount == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref ends, ends.Length * 2);
            Array.Resize(ref quoted, quoted.Length * 2);
        }

        starts[FieldCount] = from;
        ends[FieldCount] = to;
        quoted[FieldCount] = isQuoted;
        FieldCount++;
    }

    /// <summary>Parses the record at <see cref="start"/>; false when the buffer ends before the record does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryParse(out int next, out long lines)
    {
        FieldCount = 0;
        recordStart = start;
        Line = nextLine;
        lines = 1;
        next = 0;
        var pos = start;

        // Fast path: a whole record without quotes in the buffer (nearly every record of a register).
        var newline = buffer.AsSpan(pos, end - pos).IndexOf((byte)'\n');
        if (newline >= 0 && buffer.AsSpan(pos, newline).IndexOf((byte)'"') < 0)
        {
            var record = buffer.AsSpan(pos, newline);
            var fieldStart = pos;
            for (var k = 0; k < record.Length; k++)
            {
                if (record[k] == (byte)',')
                {
                    AddField(fieldStart, pos + k, isQuoted: false);
                    fieldStart = pos + k + 1;
                }
            }

            var last = pos + newline;
            if (last > fieldStart && buffer[last - 1] == (byte)'\r')
            {
                last--;
            }

            AddField(fieldStart, last, isQuoted: false);
            recordEnd = last;
            next = pos + newline + 1;
            return true;
        }

        while (true)
        {
            if (pos < end && buffer[pos] == (byte)'"')
            {
                var open = pos++;
                while (true)
                {
                    var rel = buffer.AsSpan(pos, end - pos).IndexOf((byte)'"');
                    if (rel < 0)
                    {
                        if (eof)
                        {
                            recordEnd = end;
                            throw Error(open, "the quoted field is never closed");
                        }

                        return false;
                    }

                    lines += buffer.AsSpan(pos, rel).Count((byte)'\n');
                    pos += rel + 1;
                    if (pos == end && !eof)
                    {
                        return false;
                    }

                    if (pos < end && buffer[pos] == (byte)'"')
                    {
                        pos++;
                        continue;
                    }

                    break;
                }

                AddField(open + 1, pos - 1, isQuoted: true);
                if (pos == end)
                {
                    recordEnd = end;
                    next = end;
                    return true;
                }

                switch (buffer[pos])
                {
                    case (byte)',':
                        pos++;
                        continue;
                    case (byte)'\n':
                        recordEnd = pos;
                        next = pos + 1;
                        return true;
                    case (byte)'\r' when pos + 1 == end && !eof:
                        return false;
                    case (byte)'\r' when pos + 1 < end && buffer[pos + 1] == (byte)'\n':
                        recordEnd = pos;
                        next = pos + 2;
                        return true;
                    default:
                        recordEnd = pos;
                        throw Error(pos, "unexpected character after a closing quote (expected a comma or the end of the line)");
                }
            }

            var found = buffer.AsSpan(pos, end - pos).IndexOfAny(Stops);
            if (found < 0)
            {
                if (!eof)
                {
                    return false;
                }

                var last = end > pos && buffer[end - 1] == (byte)'\r' ? end - 1 : end;
                AddField(pos, last, isQuoted: false);
                recordEnd = last;
                next = end;
                return true;
            }

            var stop = pos + found;
            switch (buffer[stop])
            {
                case (byte)',':
                    AddField(pos, stop, isQuoted: false);
                    pos = stop + 1;
                    continue;
                case (byte)'\n':
                    var fieldEnd = stop > pos && buffer[stop - 1] == (byte)'\r' ? stop - 1 : stop;
                    AddField(pos, fieldEnd, isQuoted: false);
                    recordEnd = fieldEnd;
                    next = stop + 1;
                    return true;
                default:
                    recordEnd = stop;
                    throw Error(stop, "a quote inside an unquoted field (quote the whole field and double the quote)");
            }
        }
    }
}
