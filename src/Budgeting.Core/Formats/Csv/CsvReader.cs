using System.Text;

namespace Budgeting.Formats.Csv;

/// <summary>
/// Reads comma-separated values as RFC 4180 defines them: records end at CRLF or LF; a field that starts
/// with <c>"</c> is quoted, runs to the matching closing quote, may hold commas and line breaks, and
/// <c>""</c> inside it is one literal quote. Blank lines (no characters at all) are skipped. Fields are
/// returned as written (not trimmed); callers trim where their format says so.
/// </summary>
public static class CsvReader
{
    /// <summary>Reads every record of <paramref name="reader"/>.</summary>
    /// <exception cref="CsvFormatException">A quoted field is not closed, or a closing quote is followed by text.</exception>
    public static IReadOnlyList<CsvRecord> ReadAll(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var afterQuote = false;   // a quoted field was closed; only a separator or record end may follow
        var recordHasContent = false;
        var quoteLine = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            afterQuote = false;
        }

        void EndRecord()
        {
            if (recordHasContent || fields.Count > 0)
            {
                EndField();
                records.Add(new CsvRecord(recordLine, fields.ToArray()));
            }

            fields.Clear();
            field.Clear();
            afterQuote = false;
            recordHasContent = false;
        }

        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    recordHasContent = true;
                    EndField();
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '"' when field.Length == 0 && !afterQuote:
                    inQuotes = true;
                    recordHasContent = true;
                    quoteLine = line;
                    break;
                default:
                    if (afterQuote)
                    {
                        throw new CsvFormatException(line, $"text '{ch}' after the closing quote of a quoted field (write a quote inside a quoted field as \"\").");
                    }

                    recordHasContent = true;
                    field.Append(ch);
                    break;
            }
        }

        if (inQuotes)
        {
            throw new CsvFormatException(quoteLine, "a quoted field is never closed.");
        }

        EndRecord();
        return records;
    }
}
