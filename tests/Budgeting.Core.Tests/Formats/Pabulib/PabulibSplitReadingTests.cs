using System.IO.Compression;
using System.Text;
using Budgeting.Elections;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

/// <summary>
/// Reading the VOTES rows in two halves on two threads (see <c>VotesParallelism</c>) must give exactly what reading
/// them in order on one thread gives: the same profile in the same order, the same warnings, the same counts, and on
/// bad input the same error. Tiny blocks force a split every few rows, so that every merge path runs many times.
/// </summary>
public sealed class PabulibSplitReadingTests
{
    private static readonly VotesParallelism[] Splits =
    [
        new(BlockBytes: 700, MinimumBytes: 1, EvenOnOneProcessor: true),
        new(BlockBytes: 4096, MinimumBytes: 1, EvenOnOneProcessor: true),
        new(BlockBytes: 1 << 20, MinimumBytes: 1, EvenOnOneProcessor: true),
    ];

    [Test]
    public void EveryCorpusFile_ReadsTheSameSplitAsInOrder()
    {
        var split = new VotesParallelism(BlockBytes: 64 << 10, MinimumBytes: 1, EvenOnOneProcessor: true);
        var failures = new List<string>();
        var files = Directory.GetFiles(SharedData.RequirePabulib(), "*.pb.gz").Order(StringComparer.Ordinal).ToArray();
        foreach (var path in files)
        {
            var text = Decompress(path);
            var name = Path.GetFileName(path);
            var inOrder = Outcome(text, name, VotesParallelism.None, new PabulibReadOptions { KeepVoters = false });
            var halves = Outcome(text, name, split, new PabulibReadOptions { KeepVoters = false });
            if (inOrder != halves)
            {
                failures.Add($"{name}: read in order\n{Head(inOrder)}\nread in halves\n{Head(halves)}");
            }
        }

        Assert.That(files, Has.Length.EqualTo(1746));
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void ALargeCityFile_ReadsTheSameWithTheDefaultSplit()
    {
        var path = SharedData.RequirePabulibFile("Poland_Lodz_2022");
        var text = Decompress(path);
        var options = new PabulibReadOptions { KeepVoters = false };
        var inOrder = Outcome(text, "Poland_Lodz_2022.pb", VotesParallelism.None, options);
        var halves = Outcome(text, "Poland_Lodz_2022.pb", VotesParallelism.Default with { EvenOnOneProcessor = true }, options);
        Assert.That(halves, Is.EqualTo(inOrder));
        Assert.That(inOrder, Does.StartWith("voters 90494,"));
    }

    [TestCaseSource(nameof(Cases))]
    public void SyntheticVotes_ReadTheSameSplitAsInOrder(string name, string text, PabulibReadOptions options)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var inOrder = Outcome(bytes, "votes.pb", VotesParallelism.None, options);
        foreach (var split in Splits)
        {
            Assert.That(Outcome(bytes, "votes.pb", split, options), Is.EqualTo(inOrder), $"{name}, blocks of {split.BlockBytes} bytes");
        }
    }

    [Test]
    public void BallotsWithIssues_AreCountedOncePerVoter()
    {
        // Regression: a ballot text flagged for a repeat or a broken limit was parsed and counted again each time it
        // recurred, on top of its tally, so the profile had more voters than the file (404 for these 400).
        var text = Votes(400, repeatEvery: 9, longEvery: 11);
        var expected = new Dictionary<string, long>();
        foreach (var row in text.Split('\n').SkipWhile(l => l != "VOTES").Skip(2).Where(l => l.Length > 0))
        {
            var projects = row.Split(';')[1].Split(',').Select(p => int.Parse(p[1..], System.Globalization.CultureInfo.InvariantCulture) - 1).Distinct().Order();
            var key = string.Join(',', projects);
            expected[key] = expected.GetValueOrDefault(key) + 1;
        }

        foreach (var split in Splits.Prepend(VotesParallelism.None))
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
            var profile = PabulibReader.Read(stream, "votes.pb", new PabulibReadOptions { KeepVoters = false }, split).Profile;
            var counted = Enumerable.Range(0, profile.BallotCount).ToDictionary(b => string.Join(',', profile.Projects(b).ToArray()), profile.Multiplicity);
            Assert.That(profile.VoterCount, Is.EqualTo(400), $"blocks of {split.BlockBytes} bytes");
            Assert.That(counted, Is.EquivalentTo(expected), $"blocks of {split.BlockBytes} bytes");
        }
    }

    [Test]
    public void TheCasesReachBothOutcomes()
    {
        // The cases above compare two readings; this checks that they include clean reads and each kind of error, so
        // that the comparison is not between two identical failures to read anything.
        var outcomes = Cases().Select(c => Outcome(Encoding.UTF8.GetBytes((string)c.Arguments[1]!), "votes.pb", VotesParallelism.None, (PabulibReadOptions)c.Arguments[2]!)).ToList();
        Assert.That(outcomes.Count(o => o.StartsWith("voters ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(6));
        Assert.That(outcomes.Where(o => o.StartsWith("error ", StringComparison.Ordinal)).Distinct().Count(), Is.GreaterThanOrEqualTo(10));
        Assert.That(outcomes, Has.Some.Contains("appears twice (first on line 22)"));
        Assert.That(outcomes, Has.Some.Contains("more than once; counted once"));
    }

    private static IEnumerable<TestCaseData> Cases()
    {
        var plain = new PabulibReadOptions { KeepVoters = false };
        var fewWarnings = plain with { MaxWarningsPerKind = 3 };
        var reject = plain with { InvalidBallots = InvalidBallotHandling.Reject };
        yield return Case("clean, increasing ids", Votes(400), plain);
        yield return Case("clean, CRLF and no final line feed", Votes(400).Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd('\n', '\r'), plain);
        yield return Case("blank lines between voters", Votes(400, blankEvery: 7), plain);
        yield return Case("ids out of order", Votes(400, shuffleIds: true), plain);
        yield return Case("text ids", Votes(400, textIds: true), plain);
        yield return Case("repeats and out-of-limit ballots, few listed", Votes(400, repeatEvery: 9, longEvery: 11), fewWarnings);
        yield return Case("repeats and out-of-limit ballots, all listed", Votes(400, repeatEvery: 9, longEvery: 11), plain);
        yield return Case("a quote late in the votes", Votes(400, quoteAt: 350), plain);
        yield return Case("duplicate id, near in the file", WithLine(Votes(400), 40, "27;p1"), plain);
        yield return Case("duplicate id, far apart", WithLine(Votes(400), 390, "1;p1"), plain);
        yield return Case("two duplicate ids, the later one first in the second half", WithLine(WithLine(Votes(400), 395, "5;p1"), 300, "380;p2"), plain);
        yield return Case("duplicate text id, far apart", WithLine(Votes(400, textIds: true), 390, "v1;p1"), plain);
        yield return Case("duplicate id and an unknown project later", WithLine(WithLine(Votes(400), 380, "zz;p99"), 350, "2;p1"), plain);
        yield return Case("unknown project late", WithLine(Votes(400), 380, "9999;p99"), plain);
        yield return Case("unknown project early, duplicate id later", WithLine(WithLine(Votes(400), 390, "3;p1"), 45, "9999;p99"), plain);
        yield return Case("a section header in the votes", WithLine(Votes(400), 300, "META"), plain);
        yield return Case("too many fields", WithLine(Votes(400), 250, "9999;p1;x;y"), plain);
        yield return Case("out-of-limit ballot rejected", Votes(400, longEvery: 150), reject);
        yield return Case("missing voter id", WithLine(Votes(400), 333, ";p1"), plain);
    }

    private static TestCaseData Case(string name, string text, PabulibReadOptions options) =>
        new TestCaseData(name, text, options).SetArgDisplayNames(name);

    /// <summary>
    /// An approval election with 12 projects (max_length 4) and <paramref name="voters"/> voters: line 21 is the VOTES
    /// header, voter i (from 1) on line 21 + i unless blank lines are added.
    /// </summary>
    private static string Votes(int voters, int blankEvery = 0, bool shuffleIds = false, bool textIds = false, int repeatEvery = 0, int longEvery = 0, int quoteAt = 0)
    {
        var text = new StringBuilder("META\nkey;value\nbudget;1000\nvote_type;approval\nmax_length;4\nPROJECTS\nproject_id;cost\n");
        for (var p = 1; p <= 12; p++)
        {
            text.Append($"p{p};{p * 10}\n");
        }

        text.Append("VOTES\nvoter_id;vote;district\n");
        var ids = Enumerable.Range(1, voters).ToArray();
        if (shuffleIds)
        {
            new Random(7).Shuffle(ids);
        }

        var random = new Random(11);
        for (var i = 1; i <= voters; i++)
        {
            if (blankEvery > 0 && i % blankEvery == 0)
            {
                text.Append(i % 2 == 0 ? "\n" : "  \n");
            }

            var count = longEvery > 0 && i % longEvery == 0 ? 6 : random.Next(1, 5);
            var projects = Enumerable.Range(1, 12).OrderBy(_ => random.Next()).Take(count).Select(p => $"p{p}").ToList();
            if (repeatEvery > 0 && i % repeatEvery == 0)
            {
                projects.Add(projects[0]);
            }

            var district = quoteAt == i ? "\"North; old town\"" : (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append($"{(textIds ? "v" : string.Empty)}{ids[i - 1]};{string.Join(',', projects)};{district}\n");
        }

        return text.ToString();
    }

    /// <summary>The text with line <paramref name="line"/> (1-based) replaced.</summary>
    private static string WithLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>Everything a read gives, as text: the error, or the profile in order, the warnings and the counts.</summary>
    private static string Outcome(byte[] text, string name, VotesParallelism split, PabulibReadOptions options)
    {
        PabulibFile file;
        try
        {
            using var stream = new MemoryStream(text, writable: false);
            file = PabulibReader.Read(stream, name, options, split);
        }
        catch (PabulibFormatException e)
        {
            return $"error {e.Message}";
        }

        var profile = file.Profile;
        var result = new StringBuilder($"voters {profile.VoterCount}, ballots {profile.BallotCount}, out of limits {file.OutOfLimitBallots}, with repeats {file.BallotsWithRepeatedProjects}\n");
        for (var b = 0; b < profile.BallotCount; b++)
        {
            result.Append(string.Join(',', profile.Projects(b).ToArray())).Append('|')
                .Append(string.Join(',', profile.Points(b).ToArray())).Append('×').Append(profile.Multiplicity(b)).Append('\n');
        }

        foreach (var warning in file.Warnings)
        {
            result.Append(warning).Append('\n');
        }

        return result.ToString();
    }

    private static string Head(string outcome) => outcome.Length > 2000 ? outcome[..2000] + "…" : outcome;

    private static byte[] Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
