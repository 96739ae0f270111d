using System.Text;
using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryFileTests
{
    // Four people, one feature; panels of 2.
    private static readonly Pool Pool = new(
        [new Feature("gender", [new FeatureValue("f", 1, 1), new FeatureValue("m", 1, 1)])],
        [new Person("a", [0]), new Person("b", [1]), new Person("c", [0]), new Person("d,x", [1])]);

    private static readonly LotteryInputs Inputs = new(new string('1', 64), new string('2', 64), null, "id", []);

    private static UniformLottery Lottery()
    {
        // Panels {a,b} 1/2 and {c,d} 1/2 over 4 slots: 2 slots each.
        var distribution = new PanelDistribution("leximin", [[0, 1], [2, 3]], [0.5, 0.5], [0.5, 0.5, 0.5, 0.5]);
        return LotteryRounding.RoundPeople(distribution, 4);
    }

    [Test]
    public void Write_SmallLottery_IsTheDocumentedCanonicalText()
    {
        var document = LotteryFile.Create(Pool, Lottery(), Inputs, new string('3', 64));
        var expected = $$"""
            {
              "format": "budgeting-lottery/1",
              "algorithm": "leximin",
              "size": 2,
              "m": 4,
              "rounding": "beck-fiala",
              "bound": 0.75,
              "maxChange": 0,
              "poolSize": 4,
              "probabilitiesSha256": "{{new string('3', 64)}}",
              "inputs": {
                "peopleSha256": "{{new string('1', 64)}}",
                "categoriesSha256": "{{new string('2', 64)}}",
                "populationSha256": null,
                "idColumn": "id",
                "addressColumns": []
              },
              "features": [
                {"name": "gender", "values": [{"name": "f", "min": 1, "max": 1}, {"name": "m", "min": 1, "max": 1}]}
              ],
              "panels": [
                {"members": ["a", "b"], "probability": 0.25},
                {"members": ["a", "b"], "probability": 0.25},
                {"members": ["c", "d,x"], "probability": 0.25},
                {"members": ["c", "d,x"], "probability": 0.25}
              ]
            }

            """;
        Assert.That(Encoding.UTF8.GetString(LotteryFile.Write(document)), Is.EqualTo(expected.Replace("\r\n", "\n", StringComparison.Ordinal)));
    }

    [Test]
    public void Write_ReplacementRound_AddsTheReplacementObjectAfterTheInputs_AndParsesBack()
    {
        var round = new ReplacementRound(2, new string('4', 64), ["b", "d,x"], new string('5', 64), ["a"]);
        var document = LotteryFile.Create(Pool, Lottery(), Inputs, new string('3', 64), round);
        var text = Encoding.UTF8.GetString(LotteryFile.Write(document));
        var expected = $$"""
                "addressColumns": []
              },
              "replacement": {
                "round": 2,
                "panelSha256": "{{new string('4', 64)}}",
                "dropouts": ["b", "d,x"],
                "dropoutsSha256": "{{new string('5', 64)}}",
                "excluded": ["a"]
              },
              "features": [
            """;
        Assert.That(text, Does.Contain(expected.Replace("\r\n", "\n", StringComparison.Ordinal)));

        var parsed = LotteryFile.Parse(Encoding.UTF8.GetBytes(text));
        Assert.That(parsed.Replacement, Is.Not.Null);
        Assert.That(parsed.Replacement!.Number, Is.EqualTo(2));
        Assert.That(parsed.Replacement.Dropouts, Is.EqualTo(new[] { "b", "d,x" }));
        Assert.That(parsed.Replacement.Excluded, Is.EqualTo(new[] { "a" }));
        Assert.That(LotteryFile.Write(parsed), Is.EqualTo(Encoding.UTF8.GetBytes(text)));
        Assert.That(LotteryFile.Parse(LotteryFile.Write(LotteryFile.Create(Pool, Lottery(), Inputs, new string('3', 64)))).Replacement, Is.Null);
    }

    [Test]
    public void Parse_WrittenDocument_RoundTrips()
    {
        var document = LotteryFile.Create(Pool, Lottery(), Inputs with { AddressColumns = ["street", "zip"] }, new string('3', 64));
        var bytes = LotteryFile.Write(document);
        var parsed = LotteryFile.Parse(bytes);
        Assert.That(LotteryFile.Write(parsed), Is.EqualTo(bytes));
        Assert.That(parsed.Panels[3].Members, Is.EqualTo(new[] { "c", "d,x" }));
    }

    [Test]
    public void Parse_CountNotMatchingThePanels_IsAFormatException()
    {
        var text = Encoding.UTF8.GetString(LotteryFile.Write(LotteryFile.Create(Pool, Lottery(), Inputs, new string('3', 64))));
        var bytes = Encoding.UTF8.GetBytes(text.Replace("\"m\": 4", "\"m\": 5", StringComparison.Ordinal));
        Assert.That(() => LotteryFile.Parse(bytes), Throws.InstanceOf<FormatException>().With.Message.Contains("\"m\" is 5"));
    }

    [Test]
    public void WriteProbabilities_QuotesIdsWithCommasAndUsesInvariantNumbers()
    {
        var distribution = new PanelDistribution("leximin", [[0, 1]], [1.0], [0.1, 0.25, 0, 1]);
        var text = Encoding.UTF8.GetString(LotteryFile.WriteProbabilities(Pool, distribution));
        Assert.That(text, Is.EqualTo("id,probability\na,0.1\nb,0.25\nc,0\n\"d,x\",1\n"));
        Assert.That(LotteryFile.ReadProbabilities(Encoding.UTF8.GetBytes(text)).Select(r => r.Key), Is.EqualTo(new[] { "a", "b", "c", "d,x" }));
    }

    [Test]
    public void PanelCheck_QuotaAndHouseholdBroken_NamesBoth()
    {
        var pool = Pool with { People = [.. Pool.People.Select((p, i) => p with { Household = i < 2 ? "h1" : null })] };
        Assert.That(PanelCheck.Violations(pool, [0, 1], 2), Is.EqualTo(new[] { "has 2 members of household 'h1'" }));
        Assert.That(PanelCheck.Violations(pool, [0, 2], 2), Is.EqualTo(new[]
        {
            "has 2 with gender = f, outside the quota 1..1",
            "has 0 with gender = m, outside the quota 1..1",
        }));
    }

    [Test]
    public void PanelChoice_IsTheFirstBoundedIntegerOfTheSeedsStream()
    {
        // Worked independently: block 0 = SHA-256("abc" ‖ 0x00 ‖ 0^8); first 8 bytes big-endian, mod 1000 (rejection
        // only if x ≥ 2^64 − 616, probability 3e-17).
        var block = System.Security.Cryptography.SHA256.HashData("abc\0\0\0\0\0\0\0\0\0"u8);
        var x = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(block);
        Assert.That(PanelChoice.Index("abc", 1000), Is.EqualTo((int)(x % 1000)));
    }
}
