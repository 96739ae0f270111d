using Budgeting.Elections;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying.Rules;

/// <summary>The META rule → rule mapping of <see cref="Official"/> and the reading of <c>selected</c>.</summary>
public sealed class OfficialTests
{
    [TestCase("greedy", null, GreedyVariant.Skip)]
    [TestCase("greedy-threshold", "Łódź", GreedyVariant.Skip)]
    [TestCase("greedy-exclusive", "Warszawa", GreedyVariant.Skip)]
    [TestCase("greedy-no-skip", "Gdynia", GreedyVariant.NoSkip)]
    [TestCase("greedy-custom", "Poznań", GreedyVariant.NoSkipWithEightyPercent)]
    public void Resolve_MapsGreedyRules(string rule, string? unit, GreedyVariant variant)
    {
        var resolved = new Official(TieBreak.Default).Resolve(rule, unit);
        Assert.That(resolved, Is.InstanceOf<Greedy>());
        Assert.That(((Greedy)resolved).Variant, Is.EqualTo(variant));
    }

    [TestCase("equalshares/add1")]
    [TestCase("equalshares/add1-comparison")]
    public void Resolve_MapsEqualSharesRules(string rule)
    {
        Assert.That(new Official(TieBreak.Default).Resolve(rule, null), Is.InstanceOf<EqualShares>());
    }

    [TestCase("unknown", null)]
    [TestCase("greedy-custom", "Łódź")]
    [TestCase("no-such-rule", null)]
    public void Resolve_RefusesUndefinedRules(string rule, string? unit)
    {
        Assert.Throws<NotSupportedException>(() => new Official(TieBreak.Default).Resolve(rule, unit));
    }

    // Poznań, budget 10: A (cost 6, 5 votes) fits, 4 left; B (cost 5) is covered to 80% by 4, so the official
    // rule funds it by the clause. Plain greedy would skip B and fund C (cost 3).
    [Test]
    public void Tally_PoznanGreedyCustomUsesEightyPercentClause()
    {
        var e = new Election([new Project("A", 6), new Project("B", 5), new Project("C", 3)], 10, BallotKind.Approval, rule: "greedy-custom");
        var b = new ProfileBuilder(3);
        b.Add([0], multiplicity: 5);
        b.Add([1], multiplicity: 4);
        b.Add([2], multiplicity: 3);
        var outcome = new Official(TieBreak.Default) { Unit = "Poznań" }.Tally(e, b.Build());
        Assert.That(outcome.Selected, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(outcome.Rule, Does.StartWith("official (greedy-custom)"));
    }

    // selected: 1 is the rule's outcome everywhere; 2 is the 80% project in Poznań but outside money in Gdynia and
    // Katowice; 3 (Poznań) is outside money; 0 and missing are not funded.
    [Test]
    public void Projects_ReadsSelectedPerCity()
    {
        int?[] selected = [1, 2, 3, 0, 1];
        Assert.That(OfficialOutcome.Projects(selected, "Poznań"), Is.EqualTo(new[] { 0, 1, 4 }));
        Assert.That(OfficialOutcome.Projects(selected, "Gdynia"), Is.EqualTo(new[] { 0, 4 }));
        Assert.That(OfficialOutcome.Projects(selected, "Katowice"), Is.EqualTo(new[] { 0, 4 }));
        Assert.That(OfficialOutcome.HasSelected([null, null]), Is.False);
    }
}
