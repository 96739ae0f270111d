using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Audit;

/// <summary>
/// Writes the audit bundle: a zip whose first entry, <c>manifest.json</c>, lists every other file with its SHA-256
/// and size. The bytes depend only on the contents: entries in a fixed order, a fixed timestamp (2000-01-01), UTF-8
/// without BOM and <c>\n</c> line ends in every text file. The format is specified in docs/audit-bundle.md.
/// </summary>
public static class AuditBundle
{
    /// <summary>The format tag in <c>manifest.json</c>.</summary>
    public const string Format = "budgeting-audit-bundle/1";

    /// <summary>The manifest's name.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The election definition's name.</summary>
    public const string Election = "election.json";

    /// <summary>The rule's name.</summary>
    public const string Rule = "rule.json";

    /// <summary>The categories file's name.</summary>
    public const string Categories = "categories.csv";

    /// <summary>The pool hash's name.</summary>
    public const string PoolHash = "pool.sha256";

    /// <summary>The panel features' name.</summary>
    public const string Features = "panel-features.csv";

    /// <summary>The panel's name.</summary>
    public const string Panel = "panel.csv";

    /// <summary>The anonymised ballots' name.</summary>
    public const string Ballots = "ballots.pb";

    /// <summary>The anonymised ballots' name for an allocation vote (a CSV file in <c>budgeting allocate</c>'s input format).</summary>
    public const string AllocationBallots = "ballots.csv";

    /// <summary>
    /// The anonymised project ballots of a hierarchical budget's areas (a Pabulib file whose projects' <c>category</c>
    /// names their area), next to <see cref="AllocationBallots"/>.
    /// </summary>
    public const string ProjectBallots = "projects.pb";

    /// <summary>
    /// Appended to the revealed seed to get the seed that <see cref="AnonymousBallots.Write"/> arranges
    /// <see cref="ProjectBallots"/> with (its shuffle's stream is then <c>SEED + "/projects/ballots"</c>), so that the
    /// project ballots are shuffled independently of the allocation ballots.
    /// </summary>
    public const string ProjectBallotsSeedSuffix = "/projects";

    /// <summary>The results' name.</summary>
    public const string Results = "results.json";

    /// <summary>The entries' timestamp, so that the same contents give the same bytes.</summary>
    public static readonly DateTimeOffset Timestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The folder of lottery round <paramref name="round"/>, for example <c>lottery/round-0/</c>.</summary>
    public static string RoundFolder(int round) => $"lottery/round-{round.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>The bundle's files other than the manifest, in bundle order, as (name, bytes).</summary>
    public static IReadOnlyList<KeyValuePair<string, byte[]>> Files(AuditBundleContents contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var files = new List<KeyValuePair<string, byte[]>>
        {
            new(Election, contents.ElectionJson),
            new(Rule, contents.RuleJson),
            new(Categories, contents.CategoriesCsv),
            new(PoolHash, Utf8.GetBytes(contents.PoolSha256 + "  people.csv\n")),
            new(Features, contents.PanelFeaturesCsv),
        };
        foreach (var round in contents.Rounds.OrderBy(r => r.Round))
        {
            var folder = RoundFolder(round.Round);
            files.Add(new(folder + LotteryName, round.LotteryJson));
            files.Add(new(folder + HashName, Utf8.GetBytes(round.LotterySha256 + "  lottery.json\n")));
            files.Add(new(folder + RevealName, new RevealRecord(round.Seed, round.ChosenIndex, round.LotterySha256).ToBytes()));
            if (round.Round > 0)
            {
                files.Add(new(folder + DropoutsName, Utf8.GetBytes("id\n" + string.Concat(round.Dropouts.Select(d => Field(d) + "\n")))));
            }
        }

        var panel = new StringBuilder("pseudonym,round,status\n");
        foreach (var member in contents.Panel)
        {
            panel.Append(Field(member.Pseudonym)).Append(',').Append(member.Round.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(Field(member.Status)).Append('\n');
        }

        files.Add(new(Panel, Utf8.GetBytes(panel.ToString())));
        if (contents.BallotsFile is not (Ballots or AllocationBallots))
        {
            throw new ArgumentException($"The ballots file must be {Ballots} or {AllocationBallots}, not '{contents.BallotsFile}'.", nameof(contents));
        }

        files.Add(new(contents.BallotsFile, contents.BallotsPb));
        if (contents.ProjectsPb is not null)
        {
            if (contents.BallotsFile != AllocationBallots)
            {
                throw new ArgumentException($"Only an allocation vote ({AllocationBallots}) has project ballots in areas ({ProjectBallots}).", nameof(contents));
            }

            files.Add(new(ProjectBallots, contents.ProjectsPb));
        }

        files.Add(new(Results, contents.ResultsJson));
        return files;
    }

    /// <summary>The lottery file's name inside a round folder.</summary>
    public const string LotteryName = "lottery.json";

    /// <summary>The lottery hash's name inside a round folder.</summary>
    public const string HashName = "lottery.sha256";

    /// <summary>The reveal record's name inside a round folder.</summary>
    public const string RevealName = "reveal.json";

    /// <summary>The dropouts' name inside a replacement round's folder.</summary>
    public const string DropoutsName = "dropouts.csv";

    /// <summary>The canonical bytes of <c>manifest.json</c> for <paramref name="files"/>.</summary>
    public static byte[] WriteManifest(IReadOnlyList<KeyValuePair<string, byte[]>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder("{\n");
        text.Append("  \"format\": ").Append(JsonSerializer.Serialize(Format)).Append(",\n");
        text.Append("  \"files\": [\n");
        for (var i = 0; i < files.Count; i++)
        {
            var (name, bytes) = files[i];
            text.Append("    {\"name\": ").Append(JsonSerializer.Serialize(name))
                .Append(", \"sha256\": \"").Append(LotteryFile.Sha256(bytes))
                .Append("\", \"bytes\": ").Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append('}')
                .Append(i + 1 < files.Count ? ",\n" : "\n");
        }

        text.Append("  ]\n}\n");
        return Utf8.GetBytes(text.ToString());
    }

    /// <summary>Writes the bundle for <paramref name="contents"/> to <paramref name="output"/> (left open).</summary>
    public static void Write(AuditBundleContents contents, Stream output)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(output);
        var files = Files(contents);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, Manifest, WriteManifest(files));
        foreach (var (name, bytes) in files)
        {
            Add(zip, name, bytes);
        }
    }

    /// <summary>The bundle for <paramref name="contents"/> as bytes.</summary>
    public static byte[] ToBytes(AuditBundleContents contents)
    {
        using var buffer = new MemoryStream();
        Write(contents, buffer);
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = Timestamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
