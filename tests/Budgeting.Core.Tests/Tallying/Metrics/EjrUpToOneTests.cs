using System.Globalization;
using Budgeting.Arithmetic;
using Budgeting.Core.Tests.Tallying.Rules;
using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Metrics;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Metrics;

public sealed class EjrUpToOneTests
{
    // n = 10, B = 10, every project costs 1. Six voters approve a1..a10, four approve b1..b4.
    // Greedy by approvals funds a1..a10 (6 approvals each beat 4) and spends the whole budget.
    // The four b-voters deserve cost 4 (4/10 of the budget): for T = {b1, b2} (cost 2, needs 2 voters) each of
    // them has 0 funded projects, and even adding one project of T gives 1 < 2, so EJR up to one fails.
    // The smallest witness is found first: T = {b1, b2}, group 4, required n·cost(T)/B = 2.
    // Equal Shares gives each voter 1: the b-voters buy b1..b4 at 1/4 each, the a-voters six a's at 1/6 each,
    // outcome {a1..a6, b1..b4}; then no b-voter misses anything and an a-voter, with 6 funded projects, can only
    // claim sets of cost ≤ 6, so it is satisfied (Peters, Pierczyński and Skowron 2021 make the same point).
    private static (Election, Profile) Example()
    {
        var a = Enumerable.Range(1, 10).Select(i => ("a" + i.ToString(CultureInfo.InvariantCulture), 1L));
        var b = Enumerable.Range(1, 4).Select(i => ("b" + i.ToString(CultureInfo.InvariantCulture), 1L));
        var projects = a.Concat(b).ToArray();
        return PhragmenTests.Build(10, projects, (6, projects.Take(10).Select(p => p.Item1).ToArray()), (4, projects.Skip(10).Select(p => p.Item1).ToArray()));
    }

    private static Outcome Funded(Election election, params string[] ids)
    {
        var selected = ids.Select(election.IndexOf).ToArray();
        return new Outcome("hand", selected, selected.Sum(p => election.Projects[p].Cost), election.Budget, TieBreak.Default, [], []);
    }

    [TestCase(Utility.Cardinality)]
    [TestCase(Utility.Cost)]
    public void Check_GreedyOutcome_IsViolatedWithAWitness(Utility utility)
    {
        var (election, profile) = Example();
        var greedy = Funded(election, Enumerable.Range(1, 10).Select(i => "a" + i.ToString(CultureInfo.InvariantCulture)).ToArray());

        var result = EjrUpToOne.Check(election, profile, greedy, utility);

        Assert.That(result.Satisfied, Is.False);
        Assert.That(result.WitnessProjectIds, Is.EqualTo(new[] { "b1", "b2" }));
        Assert.That(result.WitnessGroupSize, Is.EqualTo(4));
        Assert.That(result.WitnessRequiredSize, Is.EqualTo((Rational)2));
        Assert.That(result.Scope, Does.Contain("violated"));
    }

    [TestCase(Utility.Cardinality)]
    [TestCase(Utility.Cost)]
    public void Check_EqualSharesOutcome_IsSatisfied(Utility utility)
    {
        var (election, profile) = Example();
        var mes = Funded(election, "a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2", "b3", "b4");

        var result = EjrUpToOne.Check(election, profile, mes, utility);

        Assert.That(result.Satisfied, Is.True);
        Assert.That(result.CompleteUpToSize, Is.Null);
        Assert.That(result.Scope, Does.Contain("every project set T"));
    }

    // n = 4, B = 8. Two voters approve w (3), x (1), y (1), z (2); two voters approve v (4). Funded {w, v}.
    // T = {x, y, z}: cost 4, claimed by n·4/8 = 2 voters, and the two have 1 funded project:
    // cardinality: 1 + 1 < 3, violated. Cost: 3 (w) + 2 (z, the dearest missing) = 5 ≥ 4, satisfied; no other
    // T fails for cost: {x,y}: 3+1 ≥ 2; {x,z}, {y,z}: 3+2 ≥ 3; {w,x}, {w,y}: cost 4, 3+1 ≥ 4; sets of cost > 4 are
    // out of reach of 2 voters. No smaller T fails for cardinality (1 + 1 ≥ 2), so the witness is {x, y, z}.
    [Test]
    public void Check_CardinalityAndCostDisagree()
    {
        var (election, profile) = PhragmenTests.Build(8, [("w", 3), ("x", 1), ("y", 1), ("z", 2), ("v", 4)], (2, ["w", "x", "y", "z"]), (2, ["v"]));
        var outcome = Funded(election, "w", "v");

        var cardinality = EjrUpToOne.Check(election, profile, outcome, Utility.Cardinality);
        var cost = EjrUpToOne.Check(election, profile, outcome, Utility.Cost);

        Assert.That(cardinality.Satisfied, Is.False);
        Assert.That(cardinality.WitnessProjectIds, Is.EqualTo(new[] { "x", "y", "z" }));
        Assert.That(cardinality.WitnessGroupSize, Is.EqualTo(2));
        Assert.That(cost.Satisfied, Is.True);
    }

    [Test]
    public void Check_WorkLimitReached_SaysHowFarItGot()
    {
        var (election, profile) = Example();
        var mes = Funded(election, "a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2", "b3", "b4");

        var result = EjrUpToOne.Check(election, profile, mes, Utility.Cardinality, workLimit: 5);

        Assert.That(result.Satisfied, Is.Null);
        Assert.That(result.CompleteUpToSize, Is.EqualTo(1));
        Assert.That(result.Scope, Does.Contain("not checked: the search limit"));
    }

    [Test]
    public void Check_PointBallots_AreNotChecked()
    {
        var election = new Election([new Project("a", 1)], 1, BallotKind.Scoring);
        var builder = new ProfileBuilder(1, withPoints: true);
        builder.Add([0], [2]);
        var result = EjrUpToOne.Check(election, builder.Build(), new Outcome("hand", [0], 1, 1, TieBreak.Default, [], []), Utility.Cost);

        Assert.That(result.Satisfied, Is.Null);
        Assert.That(result.Scope, Does.StartWith("not checked"));
    }

    // Straight from the definition: every non-empty T, the maximal group of voters approving T who fail the
    // condition, and whether it is large enough. Must agree with the pruned, deepening search.
    // Small profiles, and larger ones with rare and popular projects (long and short supporter lists meet).
    [TestCase(2021, 150, 10, false)]
    [TestCase(2023, 15, 300, true)]
    public void Check_RandomElections_AgreeWithTheDefinition(int seed, int instances, int maxBallots, bool skewed)
    {
        var random = new Random(seed);
        var seen = new HashSet<bool>();
        for (var instance = 0; instance < instances; instance++)
        {
            var m = skewed ? random.Next(9, 12) : random.Next(2, 8);
            var projects = Enumerable.Range(0, m).Select(i => ((i + 1).ToString(CultureInfo.InvariantCulture), (long)random.Next(1, 10))).ToArray();
            var ballots = Enumerable.Range(0, random.Next(1, maxBallots))
                .Select(_ => (random.Next(1, 4), projects.Where((_, i) => skewed ? random.Next(m * m) < 2 * (i + 1) * (i + 1) : random.Next(2) == 0).Select(p => p.Item1).ToArray()))
                .ToArray();
            var (election, profile) = PhragmenTests.Build(skewed ? random.Next(5, 1500) : random.Next(1, 40), projects, ballots);
            var funded = Enumerable.Range(0, m).Where(_ => random.Next(3) == 0).ToArray();
            var outcome = new Outcome("random", funded, 0, election.Budget, TieBreak.Default, [], []);
            var n = ballots.Sum(b => (long)b.Item1);

            foreach (var utility in new[] { Utility.Cardinality, Utility.Cost })
            {
                var violated = false;
                for (var mask = 1; mask < 1 << m && !violated; mask++)
                {
                    var t = Enumerable.Range(0, m).Where(p => (mask >> p & 1) == 1).ToArray();
                    var costT = t.Sum(p => projects[p].Item2);
                    long Sat(IEnumerable<int> set) => utility == Utility.Cost ? set.Sum(p => projects[p].Item2) : set.Count();
                    var bestMissing = t.Where(p => !funded.Contains(p)).Select(p => Sat([p])).DefaultIfEmpty(0).Max();
                    long group = 0;
                    foreach (var (count, approved) in ballots)
                    {
                        var a = approved.Select(election.IndexOf).ToHashSet();
                        if (t.All(a.Contains) && Sat(a.Where(funded.Contains)) + bestMissing < Sat(t))
                        {
                            group += count;
                        }
                    }

                    violated = group > 0 && group * election.Budget >= costT * n;
                }

                var result = EjrUpToOne.Check(election, profile, outcome, utility);
                Assert.That(result.Satisfied, Is.EqualTo(!violated), $"instance {instance}, {utility}: {result.Scope}");
                seen.Add(violated);
            }
        }

        Assert.That(seen, Has.Count.EqualTo(2), "the random instances should include both violations and satisfied outcomes");
    }
}
