using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

/// <summary>The compact set of numeric voter ids against a dictionary, on id orders real files have and ones they should not.</summary>
public sealed class VoterIdSetTests
{
    [TestCase(1, 0.0, 0.0)] // increasing ids, one voter per line
    [TestCase(2, 0.02, 0.0)] // a few ids out of order
    [TestCase(3, 0.0, 0.05)] // blank lines between voters
    [TestCase(4, 0.3, 0.3)] // disorder and gaps everywhere
    public void TryAdd_AgreesWithADictionary(int seed, double outOfOrder, double lineGaps)
    {
        var random = new Random(seed);
        var set = new VoterIdSet(100);
        var expected = new Dictionary<long, int>();
        long id = 5;
        var line = 10;
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly increasing by a small or (now and then) a huge step; sometimes an earlier id again, or one out of order.
            var candidate = random.NextDouble() < outOfOrder ? random.NextInt64(0, id + 1)
                : random.Next(50) == 0 ? id + (long)uint.MaxValue + random.Next(1, 5)
                : id + random.Next(1, 1000);
            if (random.Next(200) == 0 && expected.Count > 0)
            {
                candidate = expected.Keys.ElementAt(random.Next(expected.Count)); // a repeat
            }

            line += random.NextDouble() < lineGaps ? random.Next(2, 5) : 1;
            var added = set.TryAdd(candidate, line, out var firstLine);
            if (expected.TryGetValue(candidate, out var earlier))
            {
                Assert.That((added, firstLine), Is.EqualTo((false, earlier)), $"id {candidate} on line {line}");
            }
            else
            {
                Assert.That(added, Is.True, $"id {candidate} on line {line}");
                expected[candidate] = line;
                id = Math.Max(id, candidate);
            }
        }

        // Every id is still found with its first line.
        foreach (var (known, knownLine) in expected)
        {
            Assert.That(set.TryAdd(known, int.MaxValue, out var firstLine), Is.False);
            Assert.That(firstLine, Is.EqualTo(knownLine));
        }

        set.ReturnScratch();
    }
}
