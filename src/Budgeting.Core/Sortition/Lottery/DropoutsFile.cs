using System.Text;
using Budgeting.Sortition.Inputs;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// The dropouts of a replacement round as a file: a header <c>id</c> and one id a line (<c>\n</c> line ends, UTF-8
/// without BOM). <see cref="Write"/> gives the canonical bytes a round commits to; <see cref="Read"/> reads a file an
/// official wrote (CRLF, a BOM and blank lines are allowed; fields may be quoted).
/// </summary>
public static class DropoutsFile
{
    /// <summary>The header line.</summary>
    public const string Header = "id";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical bytes of a dropouts file for <paramref name="ids"/>, in the order given.</summary>
    public static byte[] Write(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder(Header).Append('\n');
        foreach (var id in ids)
        {
            text.Append(id.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : id).Append('\n');
        }

        return Utf8.GetBytes(text.ToString());
    }

    /// <summary>The ids of a dropouts file with the line (1-based) each is on.</summary>
    /// <param name="bytes">The file's bytes.</param>
    /// <param name="name">The file's name, for messages.</param>
    /// <exception cref="SortitionInputException">The header is not <c>id</c>, a line has no id or several fields, an id is
    /// named twice, or the file names nobody; each problem names the file, line and column.</exception>
    public static IReadOnlyList<(string Id, int Line)> Read(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(name);
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SortitionInputException([new SortitionInputProblem(name, 1, Header, "the file is not UTF-8 text")]);
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        var header = lines[0].TrimEnd('\r').Trim();
        if (!string.Equals(Unquote(header), Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new SortitionInputException([new SortitionInputProblem(name, 1, Header, $"the header must be '{Header}', not '{header}'")]);
        }

        var problems = new List<SortitionInputProblem>();
        var ids = new List<(string Id, int Line)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 1; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var id = Unquote(line);
            if (id is null)
            {
                problems.Add(new SortitionInputProblem(name, l + 1, Header, $"'{line}' is not one id (quote an id that holds a comma)"));
            }
            else if (id.Trim().Length == 0)
            {
                problems.Add(new SortitionInputProblem(name, l + 1, Header, "the id is empty"));
            }
            else if (seen.TryGetValue(id, out var first))
            {
                problems.Add(new SortitionInputProblem(name, l + 1, Header, $"{id} is named twice (first on line {first})"));
            }
            else
            {
                seen[id] = l + 1;
                ids.Add((id, l + 1));
            }
        }

        if (problems.Count == 0 && ids.Count == 0)
        {
            problems.Add(new SortitionInputProblem(name, 2, Header, "the file names no dropout"));
        }

        return problems.Count > 0 ? throw new SortitionInputException(problems) : ids;
    }

    // One CSV field: unquoted without commas or quotes, or quoted with doubled quotes inside; null when it is not one field.
    private static string? Unquote(string field)
    {
        if (field.Length >= 2 && field[0] == '"' && field[^1] == '"')
        {
            var inner = field[1..^1];
            return inner.Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal)
                ? null
                : inner.Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return field.AsSpan().IndexOfAny(",\"") >= 0 ? null : field;
    }
}
