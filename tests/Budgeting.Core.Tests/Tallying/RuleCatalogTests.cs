using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Core.Tests.Tallying;

public sealed class RuleCatalogTests
{
    [Test]
    public void Create_UnknownRule_NamesTheRuleAndTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions("borda")));
        Assert.That(e!.Message, Does.Contain("Unknown rule 'borda'"));
        Assert.That(e.Message, Does.Contain("greedy, greedy-no-skip, official, equal-shares, phragmen, max-welfare"));
    }

    [TestCase("greedy")]
    [TestCase("greedy-no-skip")]
    [TestCase("official")]
    [TestCase("phragmen")]
    [TestCase("max-welfare")]
    public void Create_CompletionWithARuleOtherThanEqualShares_IsRefused(string rule)
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions(rule, Completion: Completion.Add1)));
        Assert.That(e!.Message, Does.StartWith($"Option 'completion' does not apply to rule '{rule}'"));
    }

    [Test]
    public void Create_UtilityWithGreedy_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions("greedy", Utility: Utility.Cardinality)));
        Assert.That(e!.Message, Does.StartWith("Option 'utility' does not apply to rule 'greedy'"));
    }

    [Test]
    public void Create_ComparisonWithPhragmen_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions("phragmen", Comparison: true)));
        Assert.That(e!.Message, Does.StartWith("Option 'comparison' does not apply to rule 'phragmen'"));
    }

    [Test]
    public void Create_IntegralWithoutAdd1_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions("equal-shares", Integral: true)));
        Assert.That(e!.Message, Does.Contain("'integral' applies only to equal-shares with completion add1"));
    }

    [Test]
    public void Create_ExhaustiveWithCompletionNone_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => RuleCatalog.Create(new RuleOptions("equal-shares", Completion: Completion.None, Exhaustive: true)));
        Assert.That(e!.Message, Does.Contain("'exhaustive' applies only to equal-shares with completion add1"));
    }
}
