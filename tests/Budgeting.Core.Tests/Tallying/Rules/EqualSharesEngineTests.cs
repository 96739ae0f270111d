using Budgeting.Arithmetic;
using Budgeting.Elections;
using Budgeting.Randomness;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

/// <summary>
/// The approval path of the Equal Shares engine (fixed-point money per ballot, ρ located in floating point and
/// settled exactly) against the budget-class engine it replaced, which is kept as the test oracle.
/// </summary>
public class EqualSharesEngineTests
{
    private static EqualSharesEngine Engine(Election election, Profile profile, Utility utility, bool classesOnly) =>
        new(election, profile, withPoints: false, utility, TieBreak.Default.Rank(election, Scores.Supporters(profile)), classesOnly);

    private static Profile Build(int projects, IEnumerable<int[]> ballots)
    {
        var builder = new ProfileBuilder(projects);
        foreach (var b in ballots)
        {
            builder.Add(b);
        }

        return builder.Build();
    }

    private static void AssertSameRun(EqualSharesRun expected, EqualSharesRun actual, string context)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Selected, Is.EqualTo(expected.Selected), context + ": funding order");
            Assert.That(actual.Payments, Is.EqualTo(expected.Payments), context + ": payments");
            Assert.That(actual.Ties.Select(t => (t.Round, string.Join(",", t.Tied), t.Chosen, t.SupportersOverlap)),
                Is.EqualTo(expected.Ties.Select(t => (t.Round, string.Join(",", t.Tied), t.Chosen, t.SupportersOverlap))), context + ": ties");
            Assert.That(actual.MoneyBehind, Is.EqualTo(expected.MoneyBehind), context + ": money left behind");
        });
    }

    [Test]
    public void Run_SupportersHoldingExactlyRho_AreSettledExactly()
    {
        // 5 voters with 10 each. A (20) by voters 0-3: ρ = 5, funded first (ρ / cost 1/4 against B's 1/3).
        // B (15) by voters 0, 1, 4: voters 0 and 1 have exactly 5 left, voter 4 has 10; ρ = 5, which is exactly the
        // money of voters 0 and 1 (one distinct ballot), so its fixed-point bound straddles the window and the exact
        // step decides. Left behind: A's supporters 0 + 0 + 5 + 5, B's 0 + 0 + 5.
        var election = new Election([new Project("A", 20), new Project("B", 15)], 50, BallotKind.Approval);
        var profile = Build(2, [[0, 1], [0, 1], [0], [0], [1]]);
        var engine = Engine(election, profile, Utility.Cost, classesOnly: false);

        var run = engine.Run((Rational)10, recordTies: true, explain: true);

        Assert.Multiple(() =>
        {
            Assert.That(run.Selected, Is.EqualTo(new[] { 0, 1 }));
            Assert.That(run.Payments, Is.EqualTo(new[] { (Rational)5, (Rational)5 }));
            Assert.That(run.MoneyBehind, Is.EqualTo(new[] { "10", "5" }));
            Assert.That(engine.StraddlingSupporters, Is.GreaterThanOrEqualTo(1));
            Assert.That(engine.FullSolves, Is.Zero);
        });
        AssertSameRun(Engine(election, profile, Utility.Cost, classesOnly: true).Run((Rational)10, recordTies: true, explain: true), run, "oracle");
    }

    [TestCase(1.5)]
    [TestCase(0.5)]
    [TestCase(1.0000001)]
    public void Run_WrongEstimateOfRho_FallsBackToTheExactSortAndKeepsTheOutcome(double skew)
    {
        // The floating-point estimate is deliberately made wrong: the window then misses the exact ρ, the check
        // rejects it, and the full exact sort must give the oracle's outcome anyway.
        var (election, profile) = RandomElection(new SeededStream("equal shares skewed estimate"), voters: 400, projects: 12);
        var oracle = Engine(election, profile, Utility.Cost, classesOnly: true);
        var engine = Engine(election, profile, Utility.Cost, classesOnly: false);
        engine.ApproximationSkew = skew;
        var perVoter = new Rational(election.Budget, profile.VoterCount);

        var run = engine.Run(perVoter, recordTies: true, explain: true);

        Assert.That(engine.FullSolves, Is.GreaterThan(0), "the skewed estimate must miss the window at least once");
        Assert.That(run.Selected, Is.Not.Empty);
        AssertSameRun(oracle.Run(perVoter, recordTies: true, explain: true), run, $"skew {skew}");
    }

    [Test]
    public void Run_RandomProfiles_MatchTheBudgetClassEngine()
    {
        // Seeded random approval profiles, small enough for many exact coincidences (integral per-voter budgets,
        // few distinct costs, repeated ballots), run at several per-voter budgets as the add1 loop does, under both
        // utilities; every run must agree with the budget-class engine on order, payments, ties and money left.
        var random = new SeededStream("equal shares differential 2026");
        var window = 0;
        for (var instance = 0; instance < 60; instance++)
        {
            var (election, profile) = RandomElection(random, voters: 5 + (int)random.NextBelow(60), projects: 2 + (int)random.NextBelow(9));
            foreach (var utility in new[] { Utility.Cost, Utility.Cardinality })
            {
                // Every other instance scans and pays on two threads even for short lists (both engines).
                var threshold = instance % 2 == 0 ? 1 << 16 : 2;
                var engine = Engine(election, profile, utility, classesOnly: false);
                var oracle = Engine(election, profile, utility, classesOnly: true);
                engine.ParallelThreshold = threshold;
                oracle.ParallelThreshold = threshold;
                var start = election.Budget / profile.VoterCount;
                var budgets = new[] { new Rational(election.Budget, profile.VoterCount), (Rational)start, (Rational)(start + 1), (Rational)(start + 3), (Rational)(2 * start + 1) };
                foreach (var perVoter in budgets)
                {
                    AssertSameRun(
                        oracle.Run(perVoter, recordTies: true, explain: true),
                        engine.Run(perVoter, recordTies: true, explain: true),
                        $"instance {instance}, {utility}, per voter {perVoter}");
                }

                window += engine.WindowSolves;
                Assert.That(engine.FullSolves, Is.Zero, $"instance {instance}: an unskewed estimate should always land in its window");
            }
        }

        Assert.That(window, Is.GreaterThan(100), "the differential test must exercise the window path");
    }

    [Test]
    public void Run_ForcedTieBranch_MatchesTheBudgetClassEngine()
    {
        // Two projects of equal cost with the same supporters tie in round 1; forcing either must agree with the oracle.
        var election = new Election([new Project("A", 30), new Project("B", 30), new Project("C", 20)], 60, BallotKind.Approval);
        var profile = Build(3, [[0, 1], [0, 1, 2], [0, 1], [2], [1, 2], [0]]);
        var engine = Engine(election, profile, Utility.Cost, classesOnly: false);
        var oracle = Engine(election, profile, Utility.Cost, classesOnly: true);
        var perVoter = (Rational)10;

        var run = engine.Run(perVoter, recordTies: true, explain: true);
        AssertSameRun(oracle.Run(perVoter, recordTies: true, explain: true), run, "unforced");
        foreach (var tie in run.Ties)
        {
            foreach (var alternative in tie.Tied)
            {
                AssertSameRun(
                    oracle.Run(perVoter, recordTies: false, explain: true, tie.Round, alternative),
                    engine.Run(perVoter, recordTies: false, explain: true, tie.Round, alternative),
                    $"round {tie.Round} forced to {alternative}");
            }
        }
    }

    private static (Election Election, Profile Profile) RandomElection(SeededStream random, int voters, int projects)
    {
        var list = new List<Project>();
        long total = 0;
        for (var p = 0; p < projects; p++)
        {
            var cost = 10L * (1 + (long)random.NextBelow(12));
            list.Add(new Project("p" + p, cost));
            total += cost;
        }

        var budget = Math.Max(1, total * (1 + (long)random.NextBelow(3)) / 4);
        var ballots = new List<int[]>();
        for (var v = 0; v < voters; v++)
        {
            if (ballots.Count > 0 && random.NextBelow(4) == 0)
            {
                ballots.Add(ballots[(int)random.NextBelow((ulong)ballots.Count)]);
                continue;
            }

            var length = 1 + (int)random.NextBelow((ulong)Math.Min(projects, 4));
            var picked = new SortedSet<int>();
            while (picked.Count < length)
            {
                // Skewed popularity: low indices are approved more often.
                var a = (int)random.NextBelow((ulong)projects);
                var b = (int)random.NextBelow((ulong)projects);
                picked.Add(Math.Min(a, b));
            }

            ballots.Add([.. picked]);
        }

        return (new Election(list, budget, BallotKind.Approval), Build(projects, ballots));
    }
}
