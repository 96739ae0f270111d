using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;
using Budgeting.Elections;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Reads the rows of a VOTES section. This is the hot path of the reader, so it works on UTF-8 bytes:
/// a ballot's raw text (<c>vote</c> and <c>points</c>) is looked up in a table first, and only text not
/// seen before is parsed, checked against the limits and merged into the profile being built; voters who
/// wrote the same text share the result. Extra columns are stored once per distinct combination of values.
/// </summary>
internal sealed class PabulibVotesParser
{
    private readonly string file;
    private readonly PabulibReadOptions options;
    private readonly Election election;
    private readonly Utf8Table projectIds;
    private readonly ProjectCodes projectCodes;
    private readonly FieldSplitter splitter;
    private readonly List<PabulibWarning> warnings;
    private readonly string[] columns;
    private readonly byte[] header;
    private readonly int headerLine;
    private readonly int capacity;
    private readonly int voterIdColumn;
    private readonly int voteColumn;
    private readonly int pointsColumn;
    private readonly int requiredFields;
    private readonly int[] extraColumns;
    private readonly bool extrasContiguous;
    private readonly long[] costs;
    private readonly int[] seen;
    private int seenStamp;

    // Voter ids.
    private readonly VoterIdSet numericIds;
    private readonly Utf8Table otherIds = new();

    // Distinct raw ballots: the distinct ballot of the profile each one is, how many voters wrote it, and what is wrong with it.
    private readonly ShortTextTable shortBallots; // raw ballots of at most ShortTextTable.MaxLength bytes, counted in place
    private readonly Utf8Table rawBallots = new(); // longer ones, counted in rawCounts
    private readonly ProfileBuilder builder;
    // The raw arrays are rented (see PooledArrays) and given back by Finish.
    private int[] rawBallot = PooledArrays.Rent<int>(1024);
    private long[] rawCounts = PooledArrays.Rent<long>(1024);
    private int[] rawIssue = PooledArrays.Rent<int>(1024); // 0, or 1 + the index in issues of what is wrong with the raw ballot
    private readonly List<RawIssue> issues = [];
    private int rawCount;
    private byte[] key = new byte[256];
    private int[] ballotProjects = new int[64];
    private int[] ballotPoints = new int[64];

    // Kept voters.
    private readonly Utf8Table distinctRows = new();
    private readonly List<string?[]> rowValues = [];
    private long[] voterNumbers = [];
    private string?[] voterIds = [];
    private int[] voterRaw = [];
    private int[] voterRows = [];
    private int voterCount;

    private readonly WarningCounter limitWarnings;
    private readonly WarningCounter repeatWarnings;
    private readonly List<bool> warningIsLimit = []; // for each warning this parser listed, whether it is an out-of-limit one (else a repeat)

    public PabulibVotesParser(string file, PabulibReadOptions options, Election election, Utf8Table projectIds, ProjectCodes projectCodes, FieldSplitter splitter, List<PabulibWarning> warnings, ReadOnlySpan<byte> header, int headerLine, int capacity)
    {
        this.file = file;
        this.options = options;
        this.election = election;
        this.projectIds = projectIds;
        this.projectCodes = projectCodes;
        this.splitter = splitter;
        this.warnings = warnings;
        limitWarnings = new WarningCounter(options.MaxWarningsPerKind);
        repeatWarnings = new WarningCounter(options.MaxWarningsPerKind);
        this.header = header.ToArray();
        this.headerLine = headerLine;
        this.capacity = capacity;

        var count = LastNonEmptyField(header) + 1;
        columns = new string[count];
        for (var c = 0; c < count; c++)
        {
            var name = Encoding.UTF8.GetString(splitter.Field(header, c)).ToLowerInvariant();
            if (Array.IndexOf(columns, name, 0, c) >= 0)
            {
                throw Error(headerLine, name, "VOTES header names this column twice");
            }

            columns[c] = name;
        }

        voterIdColumn = Array.IndexOf(columns, PabulibReader.VoterIdColumn);
        voteColumn = Array.IndexOf(columns, PabulibReader.VoteColumn);
        pointsColumn = Array.IndexOf(columns, PabulibReader.PointsColumn);
        if (voterIdColumn < 0)
        {
            throw Error(headerLine, PabulibReader.VoterIdColumn, "VOTES header has no 'voter_id' column");
        }

        if (voteColumn < 0)
        {
            throw Error(headerLine, PabulibReader.VoteColumn, "VOTES header has no 'vote' column");
        }

        if (pointsColumn < 0 && election.BallotKind is BallotKind.Cumulative or BallotKind.Scoring)
        {
            throw Error(headerLine, PabulibReader.PointsColumn, $"VOTES header has no 'points' column, which {(election.BallotKind == BallotKind.Cumulative ? "cumulative" : "scoring")} ballots need");
        }

        requiredFields = Math.Max(voterIdColumn, Math.Max(voteColumn, pointsColumn)) + 1;
        extraColumns = Enumerable.Range(0, count).Where(c => c != voterIdColumn && c != voteColumn && c != pointsColumn).ToArray();
        extrasContiguous = extraColumns.Length > 0 && extraColumns[^1] - extraColumns[0] == extraColumns.Length - 1;
        costs = election.Projects.Select(p => p.Cost).ToArray();
        seen = new int[election.Projects.Count];
        builder = new ProfileBuilder(election.Projects.Count, ranked: election.BallotKind == BallotKind.Ordinal, withPoints: pointsColumn >= 0, pooled: true, expectedBallots: capacity / 3);
        numericIds = new VoterIdSet(capacity);
        shortBallots = new ShortTextTable(capacity / 3); // a guess: real files have one distinct ballot per four voters or fewer
        if (options.KeepVoters)
        {
            voterNumbers = new long[capacity];
            voterRaw = new int[capacity];
            voterRows = new int[capacity];
        }
    }

    public long OutOfLimitBallots { get; private set; }

    public long BallotsWithRepeatedProjects { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(ReadOnlySpan<byte> line, int lineNumber)
    {
        var fieldCount = splitter.Count;
        if (fieldCount != columns.Length)
        {
            fieldCount = CheckFieldCount(line, lineNumber);
        }

        var idBytes = splitter.Field(line, voterIdColumn);
        if (PabulibText.IsMissing(idBytes) && !splitter.IsQuoted(voterIdColumn))
        {
            throw Error(lineNumber, PabulibReader.VoterIdColumn, "voter id is missing");
        }

        var number = PabulibText.CanonicalNumber(idBytes);
        int firstLine;
        if (number >= 0)
        {
            if (!numericIds.TryAdd(number, lineNumber, out firstLine))
            {
                throw DuplicateVoter(line, lineNumber, firstLine);
            }
        }
        else
        {
            if (otherIds.TryGetValue(idBytes, out firstLine))
            {
                throw DuplicateVoter(line, lineNumber, firstLine);
            }

            otherIds.Add(idBytes, string.Empty, lineNumber);
        }

        var raw = CountBallot(line, lineNumber);
        if (raw < 0)
        {
            raw = -2 - raw;
            Report(issues[rawIssue[raw] - 1], line, lineNumber);
        }

        if (options.KeepVoters)
        {
            KeepVoter(line, number, raw, fieldCount);
        }
    }

    /// <summary>Counts, lists or rejects (as the options say) a voter whose ballot repeats a project or breaks a limit.</summary>
    private void Report(RawIssue issue, ReadOnlySpan<byte> line, int lineNumber)
    {
        if (issue.Repeated is { } repeatedId)
        {
            BallotsWithRepeatedProjects++;
            if (repeatWarnings.ShouldList())
            {
                warnings.Add(new PabulibWarning(file, lineNumber, $"field 'vote': voter '{VoterId(line)}' lists project '{repeatedId}' more than once; counted once"));
                warningIsLimit.Add(false);
            }
        }

        if (issue.LimitProblem is { } problem)
        {
            if (options.InvalidBallots == InvalidBallotHandling.Reject)
            {
                throw Error(lineNumber, issue.LimitField!, $"the ballot of voter '{VoterId(line)}' {problem}");
            }

            OutOfLimitBallots++;
            if (limitWarnings.ShouldList())
            {
                warnings.Add(new PabulibWarning(file, lineNumber, $"field '{issue.LimitField}': the ballot of voter '{VoterId(line)}' {problem}; kept and counted"));
                warningIsLimit.Add(true);
            }
        }
    }

    /// <summary>
    /// Reads two runs of whole VOTES rows, the second right after the first in the file: the first on this thread by
    /// this parser, the second at the same time by a second parser, which is then merged into this one. The outcome is
    /// exactly that of reading every row here in order: the second parser's distinct ballots join the profile in the
    /// order they first appear, after this parser's; its voter ids are checked against this parser's; its warnings
    /// follow this parser's under the same caps; and the error thrown is the one at the earliest line (see <see cref="Absorb"/>).
    /// </summary>
    public void ReadHalves(byte[] buffer, int offset, int firstLength, int secondLength, int firstLine, int secondLine)
    {
        var second = NewShard();
        try
        {
            PabulibFormatException? firstError = null;
            PabulibFormatException? secondError = null;
            try
            {
                Parallel.Invoke(
                    () => firstError = ReadRows(buffer, offset, firstLength, firstLine),
                    () => secondError = second.ReadRows(buffer, offset + firstLength, secondLength, secondLine));
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // a fault, not a format error (those are returned)
            }

            if (firstError is not null)
            {
                throw firstError; // every row of the second run comes later
            }

            Absorb(second, secondError);
        }
        finally
        {
            second.ReturnScratch();
            second.builder.Release();
        }
    }

    /// <summary>A parser for a later run of rows of the same section, with a splitter and warnings of its own.</summary>
    private PabulibVotesParser NewShard()
    {
        var shardSplitter = new FieldSplitter();
        shardSplitter.Split(header);
        return new PabulibVotesParser(file, options, election, projectIds, projectCodes, shardSplitter, [], header, headerLine, Math.Max(1024, capacity / 2));
    }

    /// <summary>
    /// Reads the rows in <paramref name="length"/> bytes of whole lines without quotes, the first of them line
    /// <paramref name="firstLine"/> of the file, as the line-by-line loop of <see cref="PabulibParser"/> would; returns
    /// the format error that stops it, or null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private PabulibFormatException? ReadRows(byte[] buffer, int offset, int length, int firstLine)
    {
        var text = buffer.AsSpan(offset, length);
        var lineNumber = firstLine - 1;
        try
        {
            while (!text.IsEmpty)
            {
                lineNumber++;
                var lineLength = splitter.SplitLine(text);
                var split = lineLength >= 0;
                if (!split)
                {
                    lineLength = text.IndexOf((byte)'\n');
                    if (lineLength < 0)
                    {
                        lineLength = text.Length;
                    }
                }

                var line = text[..lineLength];
                text = lineLength < text.Length ? text[(lineLength + 1)..] : default;
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (PabulibText.IsBlank(line))
                {
                    continue;
                }

                if (PabulibText.MayBeSectionHeader(line[0]) && PabulibText.SectionName(line) is { } name)
                {
                    // Every section has been seen by now (VOTES is the last one), as PabulibParser says of a repeated header.
                    throw Error(lineNumber, name, $"section {name} appears a second time");
                }

                if (!split && !splitter.Split(line))
                {
                    throw new InvalidOperationException("A line without quotes did not split."); // the caller gives only lines without quotes
                }

                Row(line, lineNumber);
            }

            return null;
        }
        catch (PabulibFormatException e)
        {
            return e;
        }
    }

    /// <summary>
    /// Merges <paramref name="later"/>, which read the rows right after this parser's (and stopped at
    /// <paramref name="laterError"/>, if any), into this parser; throws the error that reading all of them in order
    /// would have met first. Its voter ids join this parser's: one already here is a repeat on the later line, and the
    /// earliest such repeat is the error unless the later parser stopped at an earlier line. Its distinct ballots
    /// join the profile in their order of first appearance, with their voters; its warnings follow this parser's
    /// under the same caps.
    /// </summary>
    private void Absorb(PabulibVotesParser later, PabulibFormatException? laterError)
    {
        var repeatLine = int.MaxValue;
        var repeatFirstLine = 0;
        string? repeatId = null;
        foreach (var (id, line) in later.numericIds.Entries())
        {
            if (!numericIds.TryAdd(id, line, out var firstLine) && line < repeatLine)
            {
                (repeatLine, repeatFirstLine, repeatId) = (line, firstLine, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        for (var slot = 0; slot < later.otherIds.SlotCount; slot++)
        {
            if (!later.otherIds.TryGetSlot(slot, out var id, out var line))
            {
                continue;
            }

            if (otherIds.TryGetValue(id, out var firstLine))
            {
                if (line < repeatLine)
                {
                    (repeatLine, repeatFirstLine, repeatId) = (line, firstLine, Encoding.UTF8.GetString(id));
                }
            }
            else
            {
                otherIds.Add(id, string.Empty, line);
            }
        }

        if (repeatId is not null && (laterError is null || repeatLine <= laterError.Line))
        {
            // At the later parser's error line itself the id was checked first, as Row does.
            throw Error(repeatLine, PabulibReader.VoterIdColumn, $"voter id '{repeatId}' appears twice (first on line {repeatFirstLine})");
        }

        if (laterError is not null)
        {
            throw laterError;
        }

        later.shortBallots.AddTallies(later.rawCounts);
        var ballots = builder.InternAll(later.builder);
        for (var r = 0; r < later.rawCount; r++)
        {
            if (later.rawCounts[r] > 0)
            {
                builder.AddVoters(ballots[later.rawBallot[r]], later.rawCounts[r]);
            }
        }

        var repeatRoom = repeatWarnings.Room;
        var limitRoom = limitWarnings.Room;
        for (var w = 0; w < later.warnings.Count; w++)
        {
            if (later.warningIsLimit[w] ? limitRoom-- > 0 : repeatRoom-- > 0)
            {
                warnings.Add(later.warnings[w]);
                warningIsLimit.Add(later.warningIsLimit[w]);
            }
        }

        repeatWarnings.Absorb(later.repeatWarnings);
        limitWarnings.Absorb(later.limitWarnings);
        OutOfLimitBallots += later.OutOfLimitBallots;
        BallotsWithRepeatedProjects += later.BallotsWithRepeatedProjects;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (Profile Profile, PabulibVoters? Voters) Finish()
    {
        limitWarnings.Summarize(warnings, file, $"{OutOfLimitBallots:N0} ballots in all are outside the declared limits (kept and counted); only the first {options.MaxWarningsPerKind} are listed");
        repeatWarnings.Summarize(warnings, file, $"{BallotsWithRepeatedProjects:N0} ballots in all name some project more than once (counted once); only the first {options.MaxWarningsPerKind} are listed");

        shortBallots.AddTallies(rawCounts);
        for (var r = 0; r < rawCount; r++)
        {
            builder.AddVoters(rawBallot[r], rawCounts[r]);
        }

        var profile = builder.Build();
        if (!options.KeepVoters)
        {
            ReturnScratch();
            return (profile, null);
        }

        var ballots = new int[voterCount];
        for (var v = 0; v < voterCount; v++)
        {
            ballots[v] = rawBallot[voterRaw[v]];
        }

        ReturnScratch();

        if (voterIds.Length > 0)
        {
            Array.Resize(ref voterIds, voterCount);
        }

        Array.Resize(ref voterNumbers, voterCount);
        Array.Resize(ref voterRows, voterCount);
        return (profile, new PabulibVoters(columns, voterIds, voterNumbers, ballots, voterRows, [.. rowValues]));
    }

    /// <summary>Gives the rented scratch arrays back; the parser must not read rows afterwards.</summary>
    private void ReturnScratch()
    {
        PooledArrays.Return(ref rawBallot);
        PooledArrays.Return(ref rawCounts);
        PooledArrays.Return(ref rawIssue);
        rawBallots.ReturnScratch();
        shortBallots.ReturnScratch();
        numericIds.ReturnScratch();
    }

    /// <summary>
    /// The distinct raw ballot written on this line, parsed and checked the first time its text is seen, and counted:
    /// its index, or -2 - its index when something is wrong with it (see <see cref="rawIssue"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CountBallot(ReadOnlySpan<byte> line, int lineNumber)
    {
        ReadOnlySpan<byte> rawKey;
        var vote = splitter.Field(line, voteColumn);
        if (pointsColumn < 0)
        {
            rawKey = vote;
        }
        else
        {
            var points = splitter.Field(line, pointsColumn);
            var length = vote.Length + 1 + points.Length;
            if (key.Length < length)
            {
                key = new byte[Math.Max(length, key.Length * 2)];
            }

            vote.CopyTo(key);
            key[vote.Length] = 0xFF; // never part of UTF-8 text
            points.CopyTo(key.AsSpan(vote.Length + 1));
            rawKey = key.AsSpan(0, length);
        }

        if (rawKey.Length <= ShortTextTable.MaxLength)
        {
            var counted = shortBallots.Count(rawKey, rawCounts);
            if (counted != -1)
            {
                return counted;
            }

            // Parsing does not touch key (the points are read from the line again), so rawKey is still this line's.
            var added = ParseBallot(line, lineNumber);
            var flagged = rawIssue[added] != 0;
            shortBallots.Add(rawKey, added, flagged);
            return flagged ? -2 - added : added;
        }

        if (!rawBallots.TryGetValue(rawKey, out var raw))
        {
            raw = ParseBallot(line, lineNumber);
            rawBallots.Add(rawKey, null, raw);
        }

        rawCounts[raw]++;
        return rawIssue[raw] != 0 ? -2 - raw : raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private int ParseBallot(ReadOnlySpan<byte> line, int lineNumber)
    {
        var vote = splitter.Field(line, voteColumn);
        if (++seenStamp == int.MaxValue)
        {
            Array.Clear(seen);
            seenStamp = 1;
        }

        var length = 0;
        var entries = 0;
        string? repeated = null;
        var skipMask = 0UL; // which of the first 64 entries were dropped as repeats (their points are dropped too)
        List<int>? skippedLate = null;
        if (!PabulibText.IsMissing(vote))
        {
            while (true)
            {
                int comma;
                ReadOnlySpan<byte> item;
                int index;
                var fast = vote.Length >= 8 ? ShortItem(vote) : 0;
                if (fast > 0)
                {
                    // An item of 1 to 7 bytes with its comma in the next eight bytes and no white space at its ends: the word
                    // already read is the item's code (see ShortItem).
                    comma = fast;
                    item = vote[..comma];
                    var word = Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(vote)) & ((1UL << (8 * comma)) - 1);
                    index = projectCodes.Find(word, comma);
                }
                else
                {
                    comma = IndexOfComma(vote);
                    item = FieldSplitter.Trim(comma < 0 ? vote : vote[..comma]);
                    index = item.Length is >= 1 and <= 8 ? projectCodes.Find(item) : FindLongId(item);
                }

                if (index < 0)
                {
                    if (item.IsEmpty && comma < 0 && entries > 0)
                    {
                        break; // a trailing comma
                    }

                    throw Error(lineNumber, PabulibReader.VoteColumn, $"voter '{VoterId(line)}' votes for unknown project '{Encoding.UTF8.GetString(item)}'");
                }

                if (seen[index] == seenStamp)
                {
                    repeated ??= election.Projects[index].Id;
                    if (entries < 64)
                    {
                        skipMask |= 1UL << entries;
                    }
                    else
                    {
                        (skippedLate ??= []).Add(entries);
                    }
                }
                else
                {
                    seen[index] = seenStamp;
                    if (length == ballotProjects.Length)
                    {
                        Array.Resize(ref ballotProjects, length * 2);
                        Array.Resize(ref ballotPoints, length * 2);
                    }

                    ballotProjects[length++] = index;
                }

                entries++;
                if (comma < 0)
                {
                    break;
                }

                vote = vote[(comma + 1)..];
            }
        }

        if (pointsColumn >= 0)
        {
            ParsePoints(line, lineNumber, entries, skipMask, skippedLate);
        }

        return Remember(length, repeated);
    }

    /// <summary>The index of the project whose id is <paramref name="item"/> (not 1 to 8 bytes long), or -1.</summary>
    private int FindLongId(ReadOnlySpan<byte> item)
    {
        var entry = projectIds.Find(item);
        return entry < 0 ? -1 : projectIds.Value(entry);
    }

    /// <summary>
    /// Where the comma after the first item of <paramref name="vote"/> (at least eight bytes) is, when it is among the first
    /// eight bytes, the item before it is not empty and has no white space at either end (so trimming would not change it);
    /// otherwise 0. The eight bytes are read as one word and the comma found with the usual zero-byte test on the word
    /// XOR commas (its lowest flagged byte is exact; a borrow only flags bytes above a zero one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ShortItem(ReadOnlySpan<byte> vote)
    {
        const ulong Commas = 0x2C2C2C2C2C2C2C2CUL;
        var x = Unsafe.ReadUnaligned<ulong>(ref MemoryMarshal.GetReference(vote)) ^ Commas;
        var zeros = (x - 0x0101010101010101UL) & ~x & 0x8080808080808080UL;
        if (zeros == 0)
        {
            return 0;
        }

        var comma = BitOperations.TrailingZeroCount(zeros) >> 3;
        return comma > 0 && !FieldSplitter.IsSpace(vote[0]) && !FieldSplitter.IsSpace(vote[comma - 1]) ? comma : 0;
    }

    /// <summary>Where the first comma is, or -1. Items are a few bytes long: a plain loop beats a call to the vectorised search.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOfComma(ReadOnlySpan<byte> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == (byte)',')
            {
                return i;
            }
        }

        return -1;
    }

    private void ParsePoints(ReadOnlySpan<byte> line, int lineNumber, int entries, ulong skipMask, List<int>? skippedLate)
    {
        var points = splitter.Field(line, pointsColumn);
        var count = 0;
        var kept = 0;
        if (!PabulibText.IsMissing(points))
        {
            while (true)
            {
                var comma = points.IndexOf((byte)',');
                var item = FieldSplitter.Trim(comma < 0 ? points : points[..comma]);
                if (item.IsEmpty && comma < 0 && count > 0 && count == entries)
                {
                    break; // a trailing comma
                }

                if (!TryParsePoint(item, out var value))
                {
                    throw Error(lineNumber, PabulibReader.PointsColumn, $"voter '{VoterId(line)}' has point '{Encoding.UTF8.GetString(item)}', which is not an integer");
                }

                var skipped = count < 64 ? (skipMask & (1UL << count)) != 0 : skippedLate?.Contains(count) == true;
                if (!skipped)
                {
                    if (kept < ballotPoints.Length)
                    {
                        ballotPoints[kept] = value;
                    }

                    kept++;
                }

                count++;
                if (comma < 0)
                {
                    break;
                }

                points = points[(comma + 1)..];
            }
        }

        if (count != entries)
        {
            throw Error(lineNumber, PabulibReader.PointsColumn, $"voter '{VoterId(line)}' has {count} points for {entries} projects");
        }
    }

    private static bool TryParsePoint(ReadOnlySpan<byte> item, out int value)
    {
        if (PabulibText.TryParseInt64(item, out var v) && v is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)v;
            return true;
        }

        // Tolerate a whole number written as a decimal, such as "3.0".
        value = 0;
        if (PabulibText.TryParseDecimal(Encoding.ASCII.GetString(item), out var d, out var whole) && whole && d >= int.MinValue && d <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }

    /// <summary>Stores the ballot just parsed (in <see cref="ballotProjects"/>) as a new distinct raw ballot, merged into the profile.</summary>
    private int Remember(int length, string? repeated)
    {
        var raw = rawCount;
        if (raw >= rawBallot.Length)
        {
            PooledArrays.Grow(ref rawBallot, rawBallot.Length * 2);
        }

        if (raw >= rawCounts.Length)
        {
            PooledArrays.Grow(ref rawCounts, rawCounts.Length * 2);
        }

        if (raw >= rawIssue.Length)
        {
            PooledArrays.Grow(ref rawIssue, rawIssue.Length * 2);
        }

        rawCounts[raw] = 0;
        var (limitField, limitProblem) = CheckLimits(length); // before the builder sorts the ballot: messages follow the voter's order
        rawIssue[raw] = 0;
        if (repeated is not null || limitProblem is not null)
        {
            issues.Add(new RawIssue(repeated, limitField, limitProblem));
            rawIssue[raw] = issues.Count;
        }

        rawBallot[raw] = builder.AddUnchecked(ballotProjects.AsSpan(0, length), pointsColumn >= 0 ? ballotPoints.AsSpan(0, length) : default);
        rawCount++;
        return raw;
    }

    /// <summary>The first declared limit the ballot just parsed breaks, as (limit key, description), or nulls.</summary>
    private (string? Field, string? Problem) CheckLimits(int length)
    {
        var limits = election.Limits;
        if (limits.MinLength is { } minLength && length < minLength)
        {
            return ("min_length", $"names {length} projects, fewer than min_length {minLength}");
        }

        if (limits.MaxLength is { } maxLength && length > maxLength)
        {
            return ("max_length", $"names {length} projects, more than max_length {maxLength}");
        }

        if (limits.MaxSumCost is { } maxSumCost)
        {
            long sum = 0;
            for (var i = 0; i < length; i++)
            {
                sum += costs[ballotProjects[i]];
            }

            if (sum > maxSumCost)
            {
                return ("max_sum_cost", $"costs {sum} in all, more than max_sum_cost {maxSumCost}");
            }
        }

        if (pointsColumn < 0)
        {
            return (null, null);
        }

        long points = 0;
        for (var i = 0; i < length; i++)
        {
            points += ballotPoints[i];
        }

        if (limits.MinSumPoints is { } minSum && points < minSum)
        {
            return ("min_sum_points", $"gives {points} points in all, fewer than min_sum_points {minSum}");
        }

        if (limits.MaxSumPoints is { } maxSum && points > maxSum)
        {
            return ("max_sum_points", $"gives {points} points in all, more than max_sum_points {maxSum}");
        }

        for (var i = 0; i < length; i++)
        {
            var p = ballotPoints[i];
            if (limits.MinPoints is { } minPoints && p < minPoints)
            {
                return ("min_points", $"gives {p} points to project '{election.Projects[ballotProjects[i]].Id}', fewer than min_points {minPoints}");
            }

            if (limits.MaxPoints is { } maxPoints && p > maxPoints)
            {
                return ("max_points", $"gives {p} points to project '{election.Projects[ballotProjects[i]].Id}', more than max_points {maxPoints}");
            }
        }

        return (null, null);
    }

    private void KeepVoter(ReadOnlySpan<byte> line, long number, int raw, int fieldCount)
    {
        if (voterCount == voterRaw.Length)
        {
            var size = Math.Max(16, voterCount * 2);
            if (voterIds.Length > 0)
            {
                Array.Resize(ref voterIds, size);
            }

            Array.Resize(ref voterNumbers, size);
            Array.Resize(ref voterRaw, size);
            Array.Resize(ref voterRows, size);
        }

        if (number < 0)
        {
            if (voterIds.Length == 0)
            {
                voterIds = new string?[voterNumbers.Length]; // only files with non-numeric ids need strings
            }

            voterIds[voterCount] = VoterId(line);
        }

        voterNumbers[voterCount] = number;
        voterRaw[voterCount] = raw;
        voterRows[voterCount] = ExtraRow(line, fieldCount);
        voterCount++;
    }

    /// <summary>The index of this line's combination of extra-column values, added when new.</summary>
    private int ExtraRow(ReadOnlySpan<byte> line, int fieldCount)
    {
        ReadOnlySpan<byte> rowKey;
        if (extrasContiguous && splitter.IsPlain && extraColumns[^1] < fieldCount)
        {
            // The extra columns are neighbours on an unquoted line: their text with the separators is the key.
            // (A key built below always holds 0xFF bytes, which UTF-8 text never does, so the two kinds never meet.)
            rowKey = line[splitter.Start(line, extraColumns[0])..splitter.End(line, extraColumns[^1])];
        }
        else
        {
            rowKey = BuildExtraKey(line, fieldCount);
        }

        if (distinctRows.TryGetValue(rowKey, out var known))
        {
            return known;
        }

        var values = new string?[columns.Length];
        foreach (var c in extraColumns)
        {
            var bytes = c < fieldCount ? splitter.Field(line, c) : default;
            var missing = PabulibText.IsMissing(bytes) && (c >= fieldCount || !splitter.IsQuoted(c));
            values[c] = missing ? null : Encoding.UTF8.GetString(bytes);
        }

        rowValues.Add(values);
        distinctRows.Add(rowKey, null, rowValues.Count - 1);
        return rowValues.Count - 1;
    }

    private ReadOnlySpan<byte> BuildExtraKey(ReadOnlySpan<byte> line, int fieldCount)
    {
        var length = 0;
        foreach (var c in extraColumns)
        {
            var bytes = c < fieldCount ? splitter.Field(line, c) : default;
            var missing = PabulibText.IsMissing(bytes) && (c >= fieldCount || !splitter.IsQuoted(c));
            var needed = length + bytes.Length + 2;
            if (key.Length < needed)
            {
                Array.Resize(ref key, Math.Max(needed, key.Length * 2));
            }

            if (missing)
            {
                key[length++] = 0xFE;
            }
            else
            {
                bytes.CopyTo(key.AsSpan(length));
                length += bytes.Length;
            }

            key[length++] = 0xFF;
        }

        return key.AsSpan(0, length);
    }

    private int CheckFieldCount(ReadOnlySpan<byte> line, int lineNumber)
    {
        var count = splitter.Count;
        if (count > columns.Length)
        {
            var last = LastNonEmptyField(line);
            if (last >= columns.Length)
            {
                throw Error(lineNumber, "VOTES", $"row has {last + 1} fields but the header has {columns.Length}");
            }

            return columns.Length;
        }

        if (count < requiredFields)
        {
            var missing = voterIdColumn >= count ? PabulibReader.VoterIdColumn : voteColumn >= count ? PabulibReader.VoteColumn : PabulibReader.PointsColumn;
            throw Error(lineNumber, missing, $"row has {count} fields but the header has {columns.Length}");
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

    /// <summary>The error for a voter id seen before (built out of line, to keep the per-row code small).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private PabulibFormatException DuplicateVoter(ReadOnlySpan<byte> line, int lineNumber, int firstLine) =>
        Error(lineNumber, PabulibReader.VoterIdColumn, $"voter id '{VoterId(line)}' appears twice (first on line {firstLine})");

    private string VoterId(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(splitter.Field(line, voterIdColumn));

    private PabulibFormatException Error(int line, string field, string problem) => new(file, line, field, problem);

    /// <summary>What is wrong with a distinct raw ballot: a project it repeats, and the first limit it breaks (key and description).</summary>
    private sealed record RawIssue(string? Repeated, string? LimitField, string? LimitProblem);
}
