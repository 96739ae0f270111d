using Budgeting.Elections;
using Budgeting.Randomness;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

/// <summary>
/// Checks the closed-form "outcome-changing tie" test of <see cref="Greedy"/> against its definition: a tie is
/// outcome-changing exactly when running the rule with every order of the tied projects does not always fund the same set.
/// The expected value is obtained by brute force over all orders, independently of the formula.
/// </summary>
public sealed class GreedyTieDetectionTests
{
    [TestCase(GreedyVariant.Skip)]
    [TestCase(GreedyVariant.NoSkip)]
    [TestCase(GreedyVariant.NoSkipWithEightyPercent)]
    public void OutcomeChanging_AgreesWithAllOrdersOnRandomElections(GreedyVariant variant)
    {
        var random = new SeededStream($"tie-detection-{variant}");
        var changingSeen = 0;
        var quietSeen = 0;
        for (var trial = 0; trial < 400; trial++)
        {
            var prefix = (int)random.NextBelow(3);
            var group = 2 + (int)random.NextBelow(3);
            var suffix = (int)random.NextBelow(3);
            var n = prefix + group + suffix;
            var costs = new long[n];
            var scores = new int[n];
            for (var i = 0; i < n; i++)
            {
                costs[i] = 1 + (long)random.NextBelow(10);
                scores[i] = i < prefix ? 20 - i : i < prefix + group ? 10 : 5 - (i - prefix - group);
            }

            var budget = (long)random.NextBelow(30);
            var results = new HashSet<string>();
            bool? reported = null;
            foreach (var order in Permutations(group))
            {
                // Ids follow the order: the tied project at position k of this order gets the k-th smallest id among the group.
                var ids = new string[n];
                for (var i = 0; i < n; i++)
                {
                    ids[i] = (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                for (var k = 0; k < group; k++)
                {
                    ids[prefix + order[k]] = (100 + k).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var election = new Election(Enumerable.Range(0, n).Select(i => new Project(ids[i], costs[i])).ToArray(), budget, BallotKind.Approval);
                var builder = new ProfileBuilder(n);
                for (var i = 0; i < n; i++)
                {
                    builder.Add([i], multiplicity: scores[i]);
                }

                var outcome = new Greedy(variant, new TieBreak([TieBreakCriterion.ProjectId])).Tally(election, builder.Build());
                results.Add(string.Join(',', outcome.Selected.Order()));
                var changing = outcome.Ties.Any(t => t.OutcomeChanging);
                Assert.That(reported is null || reported == changing, Is.True, "Whether a tie is outcome-changing must not depend on how it was broken.");
                reported = changing;
            }

            var expected = results.Count > 1;
            Assert.That(reported, Is.EqualTo(expected), $"trial {trial}: costs [{string.Join(' ', costs)}], budget {budget}, tied {prefix}..{prefix + group - 1}");
            if (expected)
            {
                changingSeen++;
            }
            else
            {
                quietSeen++;
            }
        }

        // The random elections must exercise both answers, or the check proves little.
        Assert.That(changingSeen, Is.GreaterThan(20));
        Assert.That(quietSeen, Is.GreaterThan(20));
    }

    private static IEnumerable<int[]> Permutations(int n)
    {
        var items = Enumerable.Range(0, n).ToArray();
        return Permute(items, 0);

        static IEnumerable<int[]> Permute(int[] a, int k)
        {
            if (k == a.Length)
            {
                yield return (int[])a.Clone();
                yield break;
            }

            for (var i = k; i < a.Length; i++)
            {
                (a[k], a[i]) = (a[i], a[k]);
                foreach (var p in Permute(a, k + 1))
                {
                    yield return p;
                }

                (a[k], a[i]) = (a[i], a[k]);
            }
        }
    }
}
