using System.Globalization;
using System.IO.Compression;
using System.Text;
using Budgeting.Elections;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Writes a <see cref="PabulibFile"/> in the Pabulib format: META, PROJECTS and VOTES, UTF-8 without a
/// byte-order mark, LF line ends, fields quoted when they need it. Reading the output gives back the same
/// election (see <see cref="PabulibFile.StructurallyEquals"/>).
/// </summary>
/// <remarks>
/// META rows are written as read, except that the keys the <see cref="Election"/> defines (<c>budget</c>,
/// <c>vote_type</c>, <c>rule</c>, the ballot limits, <c>min_project_score_threshold</c>) are rewritten, added
/// or removed when their value no longer means what the election says. Project ids, costs, names, categories and
/// targets come from the election; other project columns from <see cref="PabulibFile.ProjectRows"/>. Voters are
/// written from <see cref="PabulibFile.Voters"/>, or, when the file was read without them, one per profile
/// voter with ids 1, 2, 3…
/// </remarks>
public static class PabulibWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="file"/> to <paramref name="stream"/> (left open).</summary>
    /// <param name="file">The election to write.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="selected">When given, the project indices to mark <c>selected</c> 1 (all others 0), such as a computed outcome's <c>Selected</c>; the column is added if the file had none. When null, the file's own <c>selected</c> column is written as read.</param>
    /// <exception cref="ArgumentException">A project id contains a comma, or an index in <paramref name="selected"/> is out of range.</exception>
    public static void Write(PabulibFile file, Stream stream, IReadOnlyCollection<int>? selected = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        WriteMeta(file, writer);
        WriteProjects(file, writer, selected);
        WriteVotes(file, writer);
    }

    /// <summary>Writes <paramref name="file"/> to <paramref name="path"/>, gzip-compressed when the name ends in <c>.gz</c>.</summary>
    /// <inheritdoc cref="Write(PabulibFile, Stream, IReadOnlyCollection{int}?)"/>
    public static void Write(PabulibFile file, string path, IReadOnlyCollection<int>? selected = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(stream, CompressionLevel.Optimal);
            Write(file, gzip, selected);
        }
        else
        {
            Write(file, stream, selected);
        }
    }

    /// <summary>Writes <paramref name="file"/> to a string.</summary>
    /// <inheritdoc cref="Write(PabulibFile, Stream, IReadOnlyCollection{int}?)"/>
    public static string WriteToString(PabulibFile file, IReadOnlyCollection<int>? selected = null)
    {
        using var stream = new MemoryStream();
        Write(file, stream, selected);
        return Utf8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteMeta(PabulibFile file, StreamWriter writer)
    {
        var election = file.Election;
        var wanted = new List<(string Key, string? Value, Func<string, bool> Agrees)>
        {
            ("budget", election.Budget.ToString(CultureInfo.InvariantCulture), t => PabulibText.TryParseDecimal(t, out var b, out _) && b == election.Budget),
            ("vote_type", VoteType(election.BallotKind), t => string.Equals(t, VoteType(election.BallotKind), StringComparison.OrdinalIgnoreCase) || (election.BallotKind == BallotKind.ChooseOne && t.ToLowerInvariant() is "choose_1" or "choose1")),
            ("rule", election.Rule, t => t == election.Rule),
        };
        foreach (var (key, roundUp, max, get) in PabulibText.Bounds)
        {
            var value = get(election);
            wanted.Add((key, value?.ToString(CultureInfo.InvariantCulture), t => PabulibText.TryParseBound(t, roundUp, max, out var v) && v == value));
        }

        writer.WriteLine("META");
        writer.WriteLine("key;value");
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in file.Meta)
        {
            var spec = wanted.FindIndex(w => w.Key == key);
            if (spec < 0 || !done.Add(key))
            {
                WriteRow(writer, key, value);
                continue;
            }

            var (_, expected, agrees) = wanted[spec];
            if (expected is null)
            {
                if (!PabulibText.IsMissing(value))
                {
                    continue; // the election no longer has this limit
                }

                WriteRow(writer, key, value);
            }
            else
            {
                WriteRow(writer, key, !PabulibText.IsMissing(value) && agrees(value) ? value : expected);
            }
        }

        foreach (var (key, expected, _) in wanted)
        {
            // A missing rule reads as "unknown", so it need not be added.
            if (expected is not null && !done.Contains(key) && !(key == "rule" && expected == "unknown"))
            {
                WriteRow(writer, key, expected);
            }
        }
    }

    private static void WriteProjects(PabulibFile file, StreamWriter writer, IReadOnlyCollection<int>? selected)
    {
        var projects = file.Election.Projects;
        var columns = file.ProjectColumns.ToList();
        foreach (var required in (string[])["project_id", "cost"])
        {
            if (!columns.Contains(required))
            {
                columns.Insert(required == "project_id" ? 0 : Math.Min(1, columns.Count), required);
            }
        }

        if (!columns.Contains("name") && projects.Any(p => p.Name is not null))
        {
            columns.Add("name");
        }

        if (!columns.Contains("category") && projects.Any(p => p.Category is not null))
        {
            columns.Add("category");
        }

        if (!columns.Contains("target") && projects.Any(p => p.Target is not null))
        {
            columns.Add("target");
        }

        bool[]? isSelected = null;
        if (selected is not null)
        {
            isSelected = new bool[projects.Count];
            foreach (var p in selected)
            {
                if ((uint)p >= (uint)projects.Count)
                {
                    throw new ArgumentException($"Selected project index {p} is out of range 0..{projects.Count - 1}.", nameof(selected));
                }

                isSelected[p] = true;
            }

            if (!columns.Contains("selected"))
            {
                columns.Add("selected");
            }
        }

        var sourceIndex = columns.Select(c => IndexOf(file.ProjectColumns, c)).ToArray();
        writer.WriteLine("PROJECTS");
        WriteRow(writer, columns);
        var values = new string?[columns.Count];
        for (var p = 0; p < projects.Count; p++)
        {
            var project = projects[p];
            if (project.Id.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Project id '{project.Id}' contains a comma, which a vote list cannot hold.", nameof(file));
            }

            var row = p < file.ProjectRows.Count ? file.ProjectRows[p] : [];
            for (var c = 0; c < columns.Count; c++)
            {
                values[c] = columns[c] switch
                {
                    "project_id" => project.Id,
                    "cost" => project.Cost.ToString(CultureInfo.InvariantCulture),
                    "name" => project.Name,
                    "category" => project.Category,
                    "target" => project.Target,
                    "selected" when isSelected is not null => isSelected[p] ? "1" : "0",
                    _ => sourceIndex[c] >= 0 && sourceIndex[c] < row.Count ? row[sourceIndex[c]] : null,
                };
            }

            WriteRow(writer, values);
        }
    }

    private static void WriteVotes(PabulibFile file, StreamWriter writer)
    {
        var profile = file.Profile;
        var projects = file.Election.Projects;
        var voteTexts = new string?[profile.BallotCount];
        var pointTexts = new string?[profile.BallotCount];
        var builder = new StringBuilder();

        string VoteText(int ballot)
        {
            if (voteTexts[ballot] is { } cached)
            {
                return cached;
            }

            builder.Clear();
            foreach (var p in profile.Projects(ballot))
            {
                builder.Append(builder.Length == 0 ? string.Empty : ",").Append(projects[p].Id);
            }

            return voteTexts[ballot] = builder.ToString();
        }

        string PointText(int ballot)
        {
            if (pointTexts[ballot] is { } cached)
            {
                return cached;
            }

            builder.Clear();
            foreach (var q in profile.Points(ballot))
            {
                builder.Append(builder.Length == 0 ? string.Empty : ",").Append(q.ToString(CultureInfo.InvariantCulture));
            }

            return pointTexts[ballot] = builder.ToString();
        }

        writer.WriteLine("VOTES");
        var voters = file.Voters;
        if (voters is null)
        {
            WriteRow(writer, profile.HasPoints ? ["voter_id", "vote", "points"] : ["voter_id", "vote"]);
            long id = 0;
            var row = new string?[profile.HasPoints ? 3 : 2];
            for (var b = 0; b < profile.BallotCount; b++)
            {
                for (long m = 0; m < profile.Multiplicity(b); m++)
                {
                    row[0] = (++id).ToString(CultureInfo.InvariantCulture);
                    row[1] = VoteText(b);
                    if (profile.HasPoints)
                    {
                        row[2] = PointText(b);
                    }

                    WriteRow(writer, row);
                }
            }

            return;
        }

        var columns = voters.Columns.ToList();
        if (profile.HasPoints && !columns.Contains("points"))
        {
            columns.Insert(columns.IndexOf("vote") + 1, "points");
        }

        var source = columns.Select(voters.IndexOfColumn).ToArray();
        WriteRow(writer, columns);
        var values = new string?[columns.Count];
        for (var v = 0; v < voters.Count; v++)
        {
            var ballot = voters.Ballot(v);
            for (var c = 0; c < columns.Count; c++)
            {
                values[c] = columns[c] switch
                {
                    "voter_id" => voters.Id(v),
                    "vote" => VoteText(ballot),
                    "points" => profile.HasPoints ? PointText(ballot) : null,
                    _ => source[c] >= 0 ? voters.Value(v, source[c]) : null,
                };
            }

            WriteRow(writer, values);
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string item)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == item)
            {
                return i;
            }
        }

        return -1;
    }

    private static string VoteType(BallotKind kind) => kind switch
    {
        BallotKind.Approval => "approval",
        BallotKind.ChooseOne => "choose-1",
        BallotKind.Cumulative => "cumulative",
        BallotKind.Scoring => "scoring",
        BallotKind.Ordinal => "ordinal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static void WriteRow(StreamWriter writer, string key, string? value)
    {
        if (PabulibText.IsMissing(value) && IsSectionName(key))
        {
            writer.Write('"');
            writer.Write(key);
            writer.Write('"');
        }
        else
        {
            WriteField(writer, key);
        }

        writer.Write(';');
        if (PabulibText.IsMissing(value))
        {
            writer.Write(value); // META values are kept as written, so "none" means missing here
        }
        else
        {
            WriteField(writer, value);
        }

        writer.Write('\n');
    }

    private static void WriteRow(StreamWriter writer, IReadOnlyList<string?> values)
    {
        if (values.Count > 0 && IsSectionName(values[0]) && values.Skip(1).All(string.IsNullOrEmpty))
        {
            // A row that would read as a section name is written with its first field quoted.
            writer.Write('"');
            writer.Write(values[0]);
            writer.Write('"');
            for (var i = 1; i < values.Count; i++)
            {
                writer.Write(';');
                WriteField(writer, values[i]);
            }

            writer.Write('\n');
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(';');
            }

            WriteField(writer, values[i]);
        }

        writer.Write('\n');
    }

    private static void WriteField(StreamWriter writer, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!NeedsQuotes(value))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static bool IsSectionName(string? value) =>
        value is not null && (value.Equals("META", StringComparison.OrdinalIgnoreCase)
            || value.Equals("VOTES", StringComparison.OrdinalIgnoreCase)
            || value.Equals("PROJECTS", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A field is quoted when reading it back unquoted would change it: it holds a separator, a quote or a line
    /// break, has whitespace at either end, is empty (not missing), or reads as <c>none</c>. (A row that would
    /// read as a section name is handled by the row writer.)
    /// </summary>
    private static bool NeedsQuotes(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return true;
        }

        if (value.AsSpan().IndexOfAny(";\"\n\r") >= 0)
        {
            return true;
        }

        return value.Equals("none", StringComparison.OrdinalIgnoreCase);
    }
}
