using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Budgeting.Elections;

namespace Budgeting.Formats.Pabulib;

/// <summary>The state of reading one Pabulib file. Used once, by <see cref="PabulibReader"/>.</summary>
internal sealed class PabulibParser
{
    private const string Meta = PabulibText.Meta;
    private const string Projects = PabulibText.Projects;
    private const string Votes = PabulibText.Votes;

    private readonly Utf8LineReader reader;
    private readonly string file;
    private readonly PabulibReadOptions options;
    private readonly VotesParallelism parallelism;
    private readonly FieldSplitter splitter = new();
    private readonly List<PabulibWarning> warnings = [];

    // META
    private readonly List<KeyValuePair<string, string>> meta = [];
    private int metaLine;

    // PROJECTS
    private readonly List<string> projectColumns = [];
    private readonly List<Project> projects = [];
    private readonly List<IReadOnlyList<string?>> projectRows = [];
    private readonly Utf8Table projectIds = new();
    private readonly ProjectCodes projectCodes = new();
    private readonly List<int> projectLines = [];
    private int projectsLine;
    private int projectIdColumn = -1;
    private int costColumn = -1;
    private int nameColumn = -1;
    private int categoryColumn = -1;
    private int targetColumn = -1;

    // VOTES
    private Election? election;
    private PabulibVotesParser? votes;
    private bool splitTried; // whether the VOTES rows were offered to ReadVotesInHalves

    private string? section;
    private bool headerPending;
    private readonly HashSet<string> sectionsSeen = new(StringComparer.Ordinal);
    private byte[] continuation = [];

    public PabulibParser(Stream stream, string file, PabulibReadOptions options, int bufferSize = 1 << 16, VotesParallelism? parallelism = null)
    {
        reader = new Utf8LineReader(stream, bufferSize);
        this.file = file;
        this.options = options;
        this.parallelism = parallelism ?? VotesParallelism.Default;
    }

    public PabulibFile Parse()
    {
        try
        {
            return ParseLines();
        }
        finally
        {
            reader.Release();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PabulibFile ParseLines()
    {
        var lastLine = 0;
        while (true)
        {
            if (votes is not null && !splitTried)
            {
                splitTried = true;
                ReadVotesInHalves();
            }

            if (!reader.TryReadLine(splitter, out var line, out var split))
            {
                break;
            }

            lastLine = reader.LineNumber;
            if (PabulibText.IsBlank(line))
            {
                continue;
            }

            if (PabulibText.MayBeSectionHeader(line[0]) && TrySectionHeader(line))
            {
                continue;
            }

            var lineNumber = reader.LineNumber;
            if (!split && !splitter.Split(line))
            {
                line = JoinContinuedLines(line, lineNumber);
                lastLine = reader.LineNumber;
            }

            if (votes is not null)
            {
                // Past the VOTES header every line is a voter (VOTES is the last section: a later header is an error above).
                votes.Row(line, lineNumber);
                continue;
            }

            switch (section)
            {
                case Meta:
                    MetaRow(line, lineNumber);
                    break;
                case Projects:
                    ProjectRow(line, lineNumber);
                    break;
                case Votes:
                    VoteRow(line, lineNumber);
                    break;
                default:
                    throw Error(lineNumber, Meta, "text before the first section; a Pabulib file starts with META");
            }
        }

        if (!sectionsSeen.Contains(Votes))
        {
            if (!sectionsSeen.Contains(Meta))
            {
                throw Error(Math.Max(lastLine, 1), Meta, "section META is missing");
            }

            if (!sectionsSeen.Contains(Projects))
            {
                throw Error(Math.Max(lastLine, 1), Projects, "section PROJECTS is missing");
            }

            throw Error(Math.Max(lastLine, 1), Votes, "section VOTES is missing");
        }

        if (headerPending)
        {
            throw Error(Math.Max(lastLine, 1), Votes, "section VOTES has no header row");
        }

        return Finish();
    }

    /// <summary>
    /// Reads the VOTES rows in blocks, each cut in two at a line end near its middle: the first half is read on this
    /// thread, the second on another, by a second <see cref="PabulibVotesParser"/> merged into the first afterwards
    /// (see <see cref="PabulibVotesParser.ReadHalves"/>), so that the outcome, warnings and errors are those of reading
    /// every row in order. Returns, leaving the rest to the line-by-line loop, when the options keep voters, at the
    /// end of the file, when too little is left to be worth a second thread, or when a block holds a quote (a quoted
    /// field may run over a line end, so a line end is then no safe place to cut).
    /// </summary>
    private void ReadVotesInHalves()
    {
        if (!parallelism.Applies(options))
        {
            return;
        }

        while (reader.TryPeekLines(parallelism.BlockBytes, out var buffer, out var offset, out var length))
        {
            var block = buffer.AsSpan(offset, length);
            if (length < parallelism.MinimumBytes || block.Contains((byte)'"'))
            {
                return;
            }

            var cut = block[(length / 2)..].IndexOf((byte)'\n');
            if (cut < 0 || length / 2 + cut + 1 == length)
            {
                return;
            }

            var firstLength = length / 2 + cut + 1;
            var firstLines = block[..firstLength].Count((byte)'\n');
            var lines = firstLines + block[firstLength..].Count((byte)'\n') + (block[^1] == (byte)'\n' ? 0 : 1);
            var firstLine = reader.LineNumber + 1;
            votes!.ReadHalves(buffer, offset, firstLength, length - firstLength, firstLine, firstLine + firstLines);
            reader.Skip(length, lines);
        }
    }

    private PabulibFile Finish()
    {
        var (profile, voters) = votes!.Finish();
        return new PabulibFile
        {
            FileName = file,
            Election = election!,
            Profile = profile,
            Meta = meta,
            ProjectColumns = projectColumns,
            ProjectRows = projectRows,
            Voters = voters,
            Warnings = warnings,
            OutOfLimitBallots = votes.OutOfLimitBallots,
            BallotsWithRepeatedProjects = votes.BallotsWithRepeatedProjects,
        };
    }

    // ---- sections ----
    private bool TrySectionHeader(ReadOnlySpan<byte> line)
    {
        var name = PabulibText.SectionName(line);
        if (name is null)
        {
            return false;
        }

        var lineNumber = reader.LineNumber;
        if (headerPending && section == Projects)
        {
            throw Error(lineNumber, "project_id", "section PROJECTS has no header row");
        }

        if (!sectionsSeen.Add(name))
        {
            throw Error(lineNumber, name, $"section {name} appears a second time");
        }

        if (section is null && name != Meta)
        {
            throw Error(lineNumber, Meta, $"section META is missing (the file starts with {name})");
        }

        if (name == Votes && !sectionsSeen.Contains(Projects))
        {
            throw Error(lineNumber, Projects, "section PROJECTS is missing before VOTES");
        }

        if (name == Projects)
        {
            projectsLine = lineNumber;
        }
        else if (name == Meta)
        {
            metaLine = lineNumber;
        }

        section = name;
        headerPending = true;
        return true;
    }

    private ReadOnlySpan<byte> JoinContinuedLines(ReadOnlySpan<byte> first, int firstLine)
    {
        var length = 0;
        Append(ref continuation, ref length, first);
        while (true)
        {
            if (!reader.TryReadLine(out var next))
            {
                throw Error(firstLine, section ?? Meta, "a quoted field is not closed before the end of the file");
            }

            Append(ref continuation, ref length, "\n"u8);
            Append(ref continuation, ref length, next);
            var joined = continuation.AsSpan(0, length);
            if (splitter.Split(joined))
            {
                return joined;
            }
        }
    }

    private static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(length + bytes.Length, buffer.Length * 2));
        }

        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    // ---- META ----
    private void MetaRow(ReadOnlySpan<byte> line, int lineNumber)
    {
        var key = Text(line, 0).ToLowerInvariant();
        if (headerPending)
        {
            headerPending = false;
            if (key == "key" && splitter.Count >= 2 && Text(line, 1).Equals("value", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }
        }

        if (key.Length == 0)
        {
            throw Error(lineNumber, "key", "META row has an empty key");
        }

        string value;
        var last = LastNonEmptyField(line);
        if (last <= 1)
        {
            value = splitter.Count > 1 ? Text(line, 1) : string.Empty;
        }
        else
        {
            // An unquoted value containing ';' was split: put it back together.
            var parts = new string[last];
            for (var i = 1; i <= last; i++)
            {
                parts[i - 1] = Text(line, i);
            }

            value = string.Join(';', parts);
            Warn(lineNumber, $"field '{key}': META value contains ';' without quotes; read as '{value}'");
        }

        foreach (var (k, _) in meta)
        {
            if (k == key)
            {
                Warn(lineNumber, $"field '{key}': META key appears a second time; the first value is used");
                break;
            }
        }

        meta.Add(new KeyValuePair<string, string>(key, value));
    }

    // ---- PROJECTS ----
    private void ProjectRow(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (headerPending)
        {
            headerPending = false;
            ProjectHeader(line, lineNumber);
            return;
        }

        var count = CheckFieldCount(line, lineNumber, projectColumns.Count, Projects);
        var row = new string?[projectColumns.Count];
        for (var c = 0; c < row.Length && c < count; c++)
        {
            row[c] = Value(line, c);
        }

        var idBytes = projectIdColumn < count ? splitter.Field(line, projectIdColumn) : default;
        var id = row[projectIdColumn];
        if (id is null)
        {
            throw Error(lineNumber, "project_id", "project id is missing");
        }

        var existing = projectIds.Find(idBytes);
        if (existing >= 0)
        {
            throw Error(lineNumber, "project_id", $"project id '{id}' appears twice (first on line {projectLines[existing]})");
        }

        var costText = row[costColumn];
        if (costText is null
            || !PabulibText.TryParseDecimal(costText, out var cost, out var whole)
            || !whole || cost <= 0 || cost > long.MaxValue)
        {
            throw Error(lineNumber, "cost", $"cost '{costText ?? "none"}' of project '{id}' is not a positive integer");
        }

        projectIds.Add(idBytes, id, projects.Count);
        projectCodes.Add(idBytes, projects.Count);
        projectLines.Add(lineNumber);
        projects.Add(new Project(
            id,
            (long)cost,
            nameColumn >= 0 ? row[nameColumn] : null,
            categoryColumn >= 0 ? row[categoryColumn] : null,
            targetColumn >= 0 ? row[targetColumn] : null));
        projectRows.Add(row);
    }

    private void ProjectHeader(ReadOnlySpan<byte> line, int lineNumber)
    {
        var count = LastNonEmptyField(line) + 1;
        for (var c = 0; c < count; c++)
        {
            var name = Text(line, c).ToLowerInvariant();
            if (projectColumns.Contains(name))
            {
                throw Error(lineNumber, name, "PROJECTS header names this column twice");
            }

            projectColumns.Add(name);
        }

        projectIdColumn = projectColumns.IndexOf("project_id");
        costColumn = projectColumns.IndexOf("cost");
        nameColumn = projectColumns.IndexOf("name");
        categoryColumn = projectColumns.IndexOf("category");
        targetColumn = projectColumns.IndexOf("target");
        if (projectIdColumn < 0)
        {
            throw Error(lineNumber, "project_id", "PROJECTS header has no 'project_id' column");
        }

        if (costColumn < 0)
        {
            throw Error(lineNumber, "cost", "PROJECTS header has no 'cost' column");
        }
    }

    // ---- VOTES ----
    private void VoteRow(ReadOnlySpan<byte> line, int lineNumber)
    {
        if (headerPending)
        {
            headerPending = false;
            election = BuildElection();
            var capacity = 1024;
            if (long.TryParse(MetaLookup("num_votes"), NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared is > 0 and < 10_000_000)
            {
                capacity = (int)declared;
            }

            votes = new PabulibVotesParser(file, options, election, projectIds, projectCodes, splitter, warnings, line, lineNumber, capacity);
            return;
        }

        votes!.Row(line, lineNumber);
    }

    // ---- the election from META and PROJECTS ----
    private Election BuildElection()
    {
        if (!sectionsSeen.Contains(Meta))
        {
            throw Error(reader.LineNumber, Meta, "section META is missing");
        }

        var budgetText = RequireMeta("budget");
        if (!PabulibText.TryParseDecimal(budgetText, out var budget, out var whole) || budget < 0 || budget > long.MaxValue)
        {
            throw Error(MetaKeyLine(), "budget", $"budget '{budgetText}' is not a non-negative number");
        }

        if (!whole)
        {
            Warn(metaLine, $"field 'budget': budget '{budgetText}' has a fractional part; {budget} is used, which allows exactly the same sets of whole-cost projects");
        }

        var voteType = RequireMeta("vote_type");
        BallotKind kind = voteType.ToLowerInvariant() switch
        {
            "approval" => BallotKind.Approval,
            "choose-1" or "choose_1" or "choose1" => BallotKind.ChooseOne,
            "cumulative" => BallotKind.Cumulative,
            "scoring" => BallotKind.Scoring,
            "ordinal" => BallotKind.Ordinal,
            _ => throw Error(metaLine, "vote_type", $"vote_type '{voteType}' is not one of approval, choose-1, cumulative, scoring, ordinal"),
        };

        var limits = new BallotLimits(
            MinLength: (int?)Limit("min_length", roundUp: true, int.MaxValue),
            MaxLength: (int?)Limit("max_length", roundUp: false, int.MaxValue),
            MaxSumCost: Limit("max_sum_cost", roundUp: false, long.MaxValue),
            MinSumPoints: Limit("min_sum_points", roundUp: true, long.MaxValue),
            MaxSumPoints: Limit("max_sum_points", roundUp: false, long.MaxValue),
            MinPoints: Limit("min_points", roundUp: true, long.MaxValue),
            MaxPoints: Limit("max_points", roundUp: false, long.MaxValue));
        var threshold = Limit("min_project_score_threshold", roundUp: true, long.MaxValue);
        var rule = MetaLookup("rule") ?? "unknown";
        return new Election(projects, (long)budget, kind, limits, rule, threshold);
    }

    private long? Limit(string key, bool roundUp, long max)
    {
        var text = MetaLookup(key);
        if (text is null)
        {
            return null;
        }

        if (!PabulibText.TryParseBound(text, roundUp, max, out var value))
        {
            throw Error(MetaKeyLine(), key, $"{key} '{text}' is not a number");
        }

        return value;
    }

    private string RequireMeta(string key) =>
        MetaLookup(key) ?? throw Error(metaLine, key, $"META has no '{key}' key");

    private string? MetaLookup(string key)
    {
        foreach (var (k, v) in meta)
        {
            if (k == key)
            {
                return PabulibText.IsMissing(v) ? null : v;
            }
        }

        return null;
    }

    private int MetaKeyLine() => metaLine;

    // ---- helpers ----
    private int CheckFieldCount(ReadOnlySpan<byte> line, int lineNumber, int expected, string where)
    {
        var count = splitter.Count;
        if (count > expected)
        {
            var last = LastNonEmptyField(line);
            if (last >= expected)
            {
                throw Error(lineNumber, where, $"row has {last + 1} fields but the header has {expected}");
            }

            return expected;
        }

        return count;
    }

    private int LastNonEmptyField(ReadOnlySpan<byte> line)
    {
        var last = splitter.Count - 1;
        while (last > 0 && splitter.Field(line, last).IsEmpty && !splitter.IsQuoted(last))
        {
            last--;
        }

        return last;
    }

    private string Text(ReadOnlySpan<byte> line, int index) => Encoding.UTF8.GetString(splitter.Field(line, index));

    private string? Value(ReadOnlySpan<byte> line, int index)
    {
        var bytes = splitter.Field(line, index);
        return PabulibText.IsMissing(bytes) && !splitter.IsQuoted(index) ? null : Encoding.UTF8.GetString(bytes);
    }

    private void Warn(int line, string message) => warnings.Add(new PabulibWarning(file, line, message));

    private PabulibFormatException Error(int line, string field, string problem) => new(file, line, field, problem);
}
