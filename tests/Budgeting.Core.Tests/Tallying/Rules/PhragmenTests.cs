using Budgeting.Arithmetic;
using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

public sealed class PhragmenTests
{
    private static readonly TieBreak ById = new([TieBreakCriterion.ProjectId]);

    internal static (Election Election, Profile Profile) Build(long budget, (string Id, long Cost)[] projects, params (int Count, string[] Approved)[] ballots)
    {
        var election = new Election(projects.Select(p => new Project(p.Id, p.Cost)).ToArray(), budget, BallotKind.Approval);
        var builder = new ProfileBuilder(projects.Length);
        foreach (var (count, approved) in ballots)
        {
            builder.Add(approved.Select(election.IndexOf).ToArray(), multiplicity: count);
        }

        return (election, builder.Build());
    }

    private static string[] Ids(Election election, Outcome outcome) => outcome.Selected.Select(i => election.Projects[i].Id).ToArray();

    // Unit costs turn PB into committee elections; with budget 2 this is a 2-seat committee.
    // Ballots: 4×{a,b}, 2×{c}, 1×{a,c}. Supporters: a 5, b 4, c 3.
    // Round 1: t(a) = 1/5, t(b) = 1/4, t(c) = 1/3, so a is bought at 1/5; the five a-voters carry load 1/5.
    // Round 2: t(b) = (1 + 4·1/5)/4 = 9/20, t(c) = (1 + 1/5)/3 = 2/5, so c is bought at 2/5.
    // Round 3: t(b) = 9/20 but nothing is left, so the rule stops: {a, c}. Approval voting would pick {a, b};
    // Phragmén gives the c-minority (3 of 7 voters) a seat, as in the committee literature.
    [Test]
    public void Tally_UnitCostCommittee_GivesMinorityASeat()
    {
        var (election, profile) = Build(2, [("a", 1), ("b", 1), ("c", 1)], (4, ["a", "b"]), (2, ["c"]), (1, ["a", "c"]));

        var outcome = new Phragmen(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(outcome.TotalCost, Is.EqualTo(2));
        var byId = outcome.Explanations.ToDictionary(e => e.ProjectId);
        Assert.That(byId["a"].PaymentPerSupporter, Is.EqualTo(new Rational(1, 5)));
        Assert.That(byId["c"].PaymentPerSupporter, Is.EqualTo(new Rational(2, 5)));
        Assert.That(byId["b"].Funded, Is.False);
        Assert.That(byId["b"].Reason, Does.Contain("9/20"));
        Assert.That(outcome.Ties, Is.Empty);
    }

    // Same ballots, budget 3: round 3 buys b at 9/20, so the order is a, c, b.
    [Test]
    public void Tally_UnitCostCommittee_BuysInOrderOfTime()
    {
        var (election, profile) = Build(3, [("a", 1), ("b", 1), ("c", 1)], (4, ["a", "b"]), (2, ["c"]), (1, ["a", "c"]));

        var outcome = new Phragmen(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "a", "c", "b" }));
        Assert.That(outcome.Explanations.Single(e => e.ProjectId == "b").PaymentPerSupporter, Is.EqualTo(new Rational(9, 20)));
    }

    // The running example of Lackner and Skowron, "Multi-Winner Voting with Approval Preferences" (2023), with
    // unit costs and budget 4 (a 4-seat committee). The book's Example 2.9 gives seq-Phragmén the committee
    // {a, b, c, d} (abcvoting, examples/abcbook/example209.py); pabutools' tests expect the same.
    // Ballots: 3×{a,b}, 3×{a,c}, 2×{a,d}, 1×{b,c,f}, 1×{e}, 1×{f}, 1×{g}. Supporters: a 8, b 4, c 4, d 2, f 2, e 1, g 1.
    // Round 1: t(a) = 1/8 (b, c 1/4; d, f 1/2; e, g 1): a; the eight a-voters carry 1/8.
    // Round 2: t(b) = (1 + 3·1/8)/4 = 11/32 = t(c); t(d) = (1 + 2/8)/2 = 5/8; t(f) = 1/2. b and c tie; by id b.
    //          b's supporters (3×{a,b}, {b,c,f}) now carry 11/32.
    // Round 3: t(c) = (1 + 3/8 + 11/32)/4 = 55/128; t(d) = 5/8; t(f) = (1 + 11/32)/2 = 43/64: c.
    // Round 4: t(d) = 5/8; t(f) = (1 + 55/128)/2 = 183/256; t(e) = 1: d. The budget is spent: {a, b, c, d}.
    // Had c been taken in round 2, b would follow at the same 55/128: the tie does not change the outcome,
    // though b and c share the {b,c,f} voter, so only replaying both branches shows it.
    [Test]
    public void Tally_LacknerSkowronRunningExample_FundsABCD()
    {
        var (election, profile) = Build(
            4,
            [("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1), ("f", 1), ("g", 1)],
            (3, ["a", "b"]), (3, ["a", "c"]), (2, ["a", "d"]), (1, ["b", "c", "f"]), (1, ["e"]), (1, ["f"]), (1, ["g"]));

        var outcome = new Phragmen(ById with { Strict = true }).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        var load = outcome.Explanations.ToDictionary(e => e.ProjectId, e => e.PaymentPerSupporter);
        Assert.That(load["a"], Is.EqualTo(new Rational(1, 8)));
        Assert.That(load["b"], Is.EqualTo(new Rational(11, 32)));
        Assert.That(load["c"], Is.EqualTo(new Rational(55, 128)));
        Assert.That(load["d"], Is.EqualTo(new Rational(5, 8)));
        Assert.That(outcome.Ties.Single().ProjectIds, Is.EqualTo(new[] { "b", "c" }));
        Assert.That(outcome.Ties.Single().OutcomeChanging, Is.False);
    }

    // Budget 8; X, Y, W cost 4; ballots {X,Y}, {X,W}, {Y,W}: all three at time 2, pairwise sharing a voter.
    // Ids order as text: W, X, Y. W first: X and Y then tie at (4 + 2)/2 = 3, X by id: {W, X}.
    // X first gives {X, W} — the same set — but Y first gives {Y, W}: the round-1 tie decides the outcome,
    // and so does the round-2 one (X gives {W, X}, Y gives {W, Y}).
    [Test]
    public void Tally_TieWithSharedSupporters_IsReplayedAndFoundToMatter()
    {
        var (election, profile) = Build(8, [("X", 4), ("Y", 4), ("W", 4)], (1, ["X", "Y"]), (1, ["X", "W"]), (1, ["Y", "W"]));
        var byIdText = new TieBreak([TieBreakCriterion.ProjectId]);

        var outcome = new Phragmen(byIdText).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "W", "X" }));
        Assert.That(outcome.Ties, Has.Count.EqualTo(2));
        Assert.That(outcome.Ties.All(t => t.OutcomeChanging), Is.True);
        Assert.Throws<TieException>(() => new Phragmen(byIdText with { Strict = true }).Tally(election, profile));
    }

    // Budget 20; A 12, B 8, C 6, D 3. Ballots: 3×{A}, 2×{B,C}, 1×{C}, 1×{D}.
    // Round 1: t(A) = 12/3 = 4, t(B) = 8/2 = 4, t(C) = 6/3 = 2, t(D) = 3/1 = 3: C at 2; the three C-voters carry 2.
    // Round 2: t(A) = 4, t(B) = (8 + 2·2)/2 = 6, t(D) = 3: D at 3; spent 9.
    // Round 3: t(A) = 4 is earliest, but 9 + 12 = 21 > 20. pabutools' variant stops: {C, D}.
    // The skip variant drops A; round 4: t(B) = 6, 9 + 8 = 17 ≤ 20: {C, D, B}.
    // (Greedy by approvals would fund A and C.)
    [Test]
    public void Tally_EarliestProjectDoesNotFit_Stops()
    {
        var (election, profile) = Build(20, [("A", 12), ("B", 8), ("C", 6), ("D", 3)], (3, ["A"]), (2, ["B", "C"]), (1, ["C"]), (1, ["D"]));

        var outcome = new Phragmen(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "C", "D" }));
        Assert.That(outcome.TotalCost, Is.EqualTo(9));
        var byId = outcome.Explanations.ToDictionary(e => e.ProjectId);
        Assert.That(byId["C"].PaymentPerSupporter, Is.EqualTo((Rational)2));
        Assert.That(byId["D"].PaymentPerSupporter, Is.EqualTo((Rational)3));
        Assert.That(byId["A"].Round, Is.EqualTo(3));
        Assert.That(byId["A"].Reason, Does.Contain("stops"));
        Assert.That(byId["B"].Reason, Does.Contain("time 6"));
    }

    [Test]
    public void Tally_SkipVariant_DropsTheProjectAndContinues()
    {
        var (election, profile) = Build(20, [("A", 12), ("B", 8), ("C", 6), ("D", 3)], (3, ["A"]), (2, ["B", "C"]), (1, ["C"]), (1, ["D"]));

        var outcome = new Phragmen(ById, skipUnaffordable: true).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "C", "D", "B" }));
        Assert.That(outcome.TotalCost, Is.EqualTo(17));
        Assert.That(outcome.Explanations.Single(e => e.ProjectId == "B").PaymentPerSupporter, Is.EqualTo((Rational)6));
        Assert.That(outcome.Explanations.Single(e => e.ProjectId == "A").Reason, Does.StartWith("skipped in round 3"));
    }

    // A project dearer than the budget is never considered; a project with no approvals is never bought.
    [Test]
    public void Tally_TooExpensiveOrUnsupported_IsSetAside()
    {
        var (election, profile) = Build(10, [("big", 11), ("none", 1), ("x", 4)], (2, ["big", "x"]));

        var outcome = new Phragmen(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "x" }));
        var byId = outcome.Explanations.ToDictionary(e => e.ProjectId);
        Assert.That(byId["big"].Reason, Does.Contain("more than the whole budget"));
        Assert.That(byId["none"].Reason, Does.Contain("no voter approves it"));
    }

    // Budget 3; "1" and "2" cost 2 each, one voter each: both become affordable at time 2.
    // Whichever is bought, the other no longer fits, so the tie decides the outcome. By id, "1" wins.
    [Test]
    public void Tally_TieThatDecides_IsRecordedAndBrokenByTheOrder()
    {
        var (election, profile) = Build(3, [("1", 2), ("2", 2)], (1, ["1"]), (1, ["2"]));

        var outcome = new Phragmen(ById).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "1" }));
        Assert.That(outcome.Ties, Has.Count.EqualTo(1));
        Assert.That(outcome.Ties[0].ProjectIds, Is.EqualTo(new[] { "1", "2" }));
        Assert.That(outcome.Ties[0].ChosenIds, Is.EqualTo(new[] { "1" }));
        Assert.That(outcome.Ties[0].OutcomeChanging, Is.True);
    }

    [Test]
    public void Tally_TieThatDecides_ReversedOrderPicksTheOther()
    {
        var (election, profile) = Build(3, [("1", 2), ("2", 2)], (1, ["1"]), (2, ["2"]));

        // Costs 2 each; "1" has 1 supporter (time 2), "2" has 2 (time 1): no tie, "2" first, then "1" does not fit.
        var outcome = new Phragmen(ById).Tally(election, profile);
        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "2" }));

        // Equal support again, and now the lottery order decides; whichever it ranks first is funded.
        var (tiedElection, tiedProfile) = Build(3, [("1", 2), ("2", 2)], (1, ["1"]), (1, ["2"]));
        var lottery = new TieBreak([TieBreakCriterion.Lottery], Seed: "published seed");
        var rank = lottery.Rank(tiedElection, [1, 1]);
        var expected = rank[0] < rank[1] ? "1" : "2";
        var drawn = new Phragmen(lottery).Tally(tiedElection, tiedProfile);
        Assert.That(Ids(tiedElection, drawn), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Tally_StrictModeAndDecidingTie_Throws()
    {
        var (election, profile) = Build(3, [("1", 2), ("2", 2)], (1, ["1"]), (1, ["2"]));

        var exception = Assert.Throws<TieException>(() => new Phragmen(ById with { Strict = true }).Tally(election, profile));

        Assert.That(exception!.Tie.ProjectIds, Is.EquivalentTo(new[] { "1", "2" }));
    }

    // Budget 10: both fit together and no voter supports both, so they are bought one after the other at
    // time 2 whatever the order: the tie is harmless and strict mode accepts it.
    [Test]
    public void Tally_HarmlessTie_IsRecordedButStrictModeAccepts()
    {
        var (election, profile) = Build(10, [("1", 2), ("2", 2)], (1, ["1"]), (1, ["2"]));

        var outcome = new Phragmen(ById with { Strict = true }).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "1", "2" }));
        Assert.That(outcome.Ties, Has.Count.EqualTo(1));
        Assert.That(outcome.Ties[0].OutcomeChanging, Is.False);
    }

    // Budget 3: "z" (cost 2, two voters) is bought at 1; then "1" and "2" tie at 2 but neither fits the
    // remaining 1, so every way of breaking the tie stops with {z}.
    [Test]
    public void Tally_TieWhereNothingFits_IsHarmless()
    {
        var (election, profile) = Build(3, [("1", 2), ("2", 2), ("z", 2)], (1, ["1"]), (1, ["2"]), (2, ["z"]));

        var outcome = new Phragmen(ById with { Strict = true }).Tally(election, profile);

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "z" }));
        Assert.That(outcome.Ties.Single().OutcomeChanging, Is.False);
    }

    // Times can have numerators and denominators of thousands of digits, far outside a double's range; the
    // estimate used to pre-select candidates must still be accurate: (10^400 + 1) / (3·10^400) ≈ 1/3.
    [Test]
    public void Approximate_HugeFraction_IsAccurate()
    {
        var big = System.Numerics.BigInteger.Pow(10, 400);
        var value = Phragmen.Approximate(new Rational(big + 1, 3 * big));
        Assert.That(value, Is.EqualTo(1.0 / 3).Within(1e-15));
        Assert.That(Phragmen.Approximate(new Rational(7 * big, big / 1000)), Is.EqualTo(7000.0).Within(1e-9));
    }

    [Test]
    public void Tally_PointBallots_AreNotSupported()
    {
        var election = new Election([new Project("a", 1)], 1, BallotKind.Cumulative);
        var builder = new ProfileBuilder(1, withPoints: true);
        builder.Add([0], [3]);

        var exception = Assert.Throws<NotSupportedException>(() => new Phragmen(ById).Tally(election, builder.Build()));
        Assert.That(exception!.Message, Does.Contain("approval"));
    }

    [Test]
    public void Tally_ChooseOneBallots_AreApprovalsOfOneProject()
    {
        var election = new Election([new Project("a", 3), new Project("b", 2)], 3, BallotKind.ChooseOne);
        var builder = new ProfileBuilder(2);
        builder.Add([0], multiplicity: 2);
        builder.Add([1], multiplicity: 1);

        // t(a) = 3/2, t(b) = 2/1: a first (cost 3), then b does not fit and the rule stops.
        var outcome = new Phragmen(ById).Tally(election, builder.Build());

        Assert.That(Ids(election, outcome), Is.EqualTo(new[] { "a" }));
    }

    // A second, deliberately naive implementation straight from the definition (one load per voter,
    // all in Rational, times recomputed from scratch each round) must agree with the incremental one.
    [Test]
    public void Tally_RandomElections_AgreeWithTheDefinition() => AgreeWithTheDefinition(20221);

    // The same check with every supporter list split between threads.
    [Test]
    public void Tally_RandomElectionsOnSeveralThreads_AgreeWithTheDefinition()
    {
        var saved = Phragmen.ParallelThreshold;
        Phragmen.ParallelThreshold = 1;
        try
        {
            AgreeWithTheDefinition(20222);
        }
        finally
        {
            Phragmen.ParallelThreshold = saved;
        }
    }

    private static void AgreeWithTheDefinition(int seed)
    {
        var random = new Random(seed);
        for (var instance = 0; instance < 200; instance++)
        {
            var m = random.Next(2, 9);
            var projects = Enumerable.Range(0, m).Select(i => ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), (long)random.Next(1, 30))).ToArray();
            var voters = new List<string[]>();
            var n = random.Next(1, 25);
            for (var v = 0; v < n; v++)
            {
                voters.Add(projects.Where(_ => random.Next(3) == 0).Select(p => p.Item1).ToArray());
            }

            var budget = (long)random.Next(1, 80);
            var (election, profile) = Build(budget, projects, voters.Select(v => (1, v)).ToArray());
            var skip = instance % 2 == 1;

            var outcome = new Phragmen(ById, skip).Tally(election, profile);

            var expected = Naive(election, voters.Select(v => v.Select(election.IndexOf).ToHashSet()).ToList(), skip);
            Assert.That(outcome.Selected, Is.EqualTo(expected), $"instance {instance}");
        }
    }

    private static List<int> Naive(Election election, List<HashSet<int>> voters, bool skip)
    {
        var m = election.Projects.Count;
        var loads = voters.Select(_ => Rational.Zero).ToArray();
        var open = Enumerable.Range(0, m).Where(p => election.Projects[p].Cost <= election.Budget && voters.Any(v => v.Contains(p))).ToList();
        var chosen = new List<int>();
        long spent = 0;
        while (open.Count > 0)
        {
            Rational? best = null;
            var bestProject = -1;
            foreach (var p in open.OrderBy(p => long.Parse(election.Projects[p].Id, System.Globalization.CultureInfo.InvariantCulture)))
            {
                var supporters = Enumerable.Range(0, voters.Count).Where(i => voters[i].Contains(p)).ToList();
                var time = (supporters.Aggregate((Rational)election.Projects[p].Cost, (s, i) => s + loads[i])) / supporters.Count;
                if (best is null || time < best.Value)
                {
                    best = time;
                    bestProject = p;
                }
            }

            open.Remove(bestProject);
            if (spent + election.Projects[bestProject].Cost > election.Budget)
            {
                if (skip)
                {
                    continue;
                }

                break;
            }

            spent += election.Projects[bestProject].Cost;
            chosen.Add(bestProject);
            for (var i = 0; i < voters.Count; i++)
            {
                if (voters[i].Contains(bestProject))
                {
                    loads[i] = best!.Value;
                }
            }
        }

        return chosen;
    }
}
