using System.IO.Compression;
using System.Text;
using Budgeting.Audit;
using Budgeting.Elections;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;
using Budgeting.Tallying;
using Budgeting.Tallying.Reports;

namespace Budgeting.Core.Tests.Audit;

/// <summary>A complete small election for audit bundle tests: pool, hand-written lottery, three ballots, greedy results.</summary>
internal static class AuditBundleFixture
{
    public const string Seed = "seed-1";

    // Eight people; p1 and p5 share address A (one household).
    public const string People = """
        id,name,gender,age,address
        p1,Ann,female,young,A
        p2,Bob,male,young,B
        p3,Cat,female,old,C
        p4,Dan,male,old,D
        p5,Eve,female,young,A
        p6,Fay,female,old,F
        p7,Gus,male,young,G
        p8,Hal,male,old,H

        """;

    // Panels of 3: one or two of each gender and of each age.
    public const string Categories = """
        feature,value,min,max
        gender,female,1,2
        gender,male,1,2
        age,young,1,2
        age,old,1,2

        """;

    // Four valid panels, checked by hand against the quotas and households above.
    public static readonly string[][] Slots = [["p1", "p2", "p3"], ["p2", "p3", "p6"], ["p4", "p5", "p7"], ["p6", "p7", "p8"]];

    /// <summary>Each id's gender, age and address, as in <see cref="People"/>.</summary>
    public static readonly Dictionary<string, (string Gender, string Age, string Address)> Attributes = new()
    {
        ["p1"] = ("female", "young", "A"), ["p2"] = ("male", "young", "B"), ["p3"] = ("female", "old", "C"),
        ["p4"] = ("male", "old", "D"), ["p5"] = ("female", "young", "A"), ["p6"] = ("female", "old", "F"),
        ["p7"] = ("male", "young", "G"), ["p8"] = ("male", "old", "H"),
    };

    public static readonly Election Election = new(
        [new Project("a", 40, "Park"), new Project("b", 30, "Bikes"), new Project("c", 50, "Library"), new Project("d", 20, "Benches")],
        100, BallotKind.Approval);

    public static readonly AnonymousBallot[] Ballots = [new(["a", "b"]), new(["a", "c"]), new(["b", "d"])];

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text.ReplaceLineEndings("\n"));

    public static Pool Pool() => SortitionInputs.Load(
        new MemoryStream(Utf8(People)), "people.csv", new MemoryStream(Utf8(Categories)), "categories.csv", 3,
        new SortitionInputOptions("id", ["address"]));

    public static byte[] LotteryJson(string[][] slots)
    {
        var pool = Pool();
        var document = new LotteryDocument(
            "leximin", 3, LotteryFile.RoundingName, 0.5, 0.25, 8, new string('0', 64),
            new LotteryInputs(LotteryFile.Sha256(Utf8(People)), LotteryFile.Sha256(Utf8(Categories)), null, "id", ["address"]),
            pool.Features, slots.Select(s => new LotterySlot(s, 1.0 / slots.Length)).ToArray());
        return LotteryFile.Write(document);
    }

    public static byte[] BallotsPb(IReadOnlyList<AnonymousBallot> ballots, string seed = Seed)
    {
        using var buffer = new MemoryStream();
        AnonymousBallots.Write(Election, ballots, seed, [new("description", "Testville 2026"), new("unit", "Testville")], buffer);
        return buffer.ToArray();
    }

    public static byte[] Results(IReadOnlyList<AnonymousBallot> ballots)
    {
        var file = Budgeting.Formats.Pabulib.PabulibReader.Read(new MemoryStream(BallotsPb(ballots)), "ballots.pb");
        var outcome = RuleCatalog.Create(new RuleOptions("greedy")).Tally(file.Election, file.Profile);
        using var buffer = new MemoryStream();
        JsonReport.Write(OutcomeReport.Create(file.Election, file.Profile, outcome, "ballots.pb"), buffer);
        return buffer.ToArray();
    }

    public static AuditBundleContents Contents()
    {
        var json = LotteryJson(Slots);
        var index = PanelChoice.Index(Seed, Slots.Length);
        var panel = Slots.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);
        return new AuditBundleContents(
            Utf8("""{"budget": 100, "rule": {"name": "greedy"}, "projects": [{"id": "a", "cost": 40}, {"id": "b", "cost": 30}, {"id": "c", "cost": 50}, {"id": "d", "cost": 20}]}"""),
            TallySettings.Write(new RuleOptions("greedy")),
            Utf8(Categories),
            LotteryFile.Sha256(Utf8(People)),
            PanelFeatures.Write(Pool(), panel),
            [new AuditRound(0, json, LotteryFile.Sha256(json), Seed, index, [])],
            [new("panelist-1", 0, "active"), new("panelist-2", 0, "active"), new("panelist-3", 0, "active")],
            BallotsPb(Ballots),
            Results(Ballots));
    }

    public static AuditVerification Verify(byte[] bundle) => AuditBundleVerifier.Verify(new MemoryStream(bundle));

    /// <summary>The bundle with one entry's bytes replaced and the manifest left as it was.</summary>
    public static byte[] ReplaceEntry(byte[] bundle, string name, byte[] bytes)
    {
        var buffer = new MemoryStream();
        buffer.Write(bundle);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(bytes);
        }

        return buffer.ToArray();
    }

    public static byte[] Entry(byte[] bundle, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        using var stream = zip.GetEntry(name)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
