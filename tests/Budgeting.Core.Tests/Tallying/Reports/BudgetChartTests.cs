using Budgeting.Tallying.Reports;

namespace Budgeting.Core.Tests.Tallying.Reports;

[TestFixture]
public sealed class BudgetChartTests
{
    [Test]
    public void Bars_are_the_costs_on_the_budget_scale_and_labels_are_escaped()
    {
        // Amounts are in cents (EUR has two decimals). Bar width 340 px for the whole budget of 1000: 400 -> 136 px, 250 -> 85 px, spent 650 -> 221 px.
        var svg = BudgetChart.ToSvg(1000, [new ReportedProject("p1", "Park <North> & pond", 400, 3, 3), new ReportedProject("p2", null, 250, 2, 2)], "EUR");

        Assert.That(svg, Does.StartWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        Assert.That(svg, Does.Contain("<desc id=\"chart-desc\">2 funded projects cost 6.50 EUR of the budget of 10.00 EUR; 3.50 EUR is left.</desc>"));
        Assert.That(svg, Does.Contain("width=\"221\" height=\"18\" fill=\"#6b7280\""));
        Assert.That(svg, Does.Contain("width=\"136\" height=\"18\" fill=\"#2563eb\""));
        Assert.That(svg, Does.Contain("width=\"85\" height=\"18\" fill=\"#2563eb\""));
        Assert.That(svg, Does.Contain(">Park &lt;North&gt; &amp; pond</text>"));
        Assert.That(svg, Does.Contain(">p2</text>"));
        Assert.That(svg, Does.Contain(">6.50 EUR of 10.00 EUR</text>"));
    }

    [Test]
    public void Nothing_funded_draws_only_the_empty_budget_bar()
    {
        var svg = BudgetChart.ToSvg(500, []);

        Assert.That(svg, Does.Contain("0 funded projects cost 0 of the budget of 500; 500 is left."));
        Assert.That(svg, Does.Not.Contain("class=\"project\""));
    }
}
