using Budgeting.Api.Features.Elections;
using Budgeting.Api.Features.Results;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>The <c>budgeting allocate</c> command suggested on an allocation vote's results page.</summary>
public sealed class AllocateCommandLineTests
{
    private static ElectionDefinition Allocation(params AreaDefinition[] areas) =>
        new("Testville", "Areas", "EUR", 1000, "allocation", null, new RuleDefinition("median"), null, 3, [], areas);

    [Test]
    public void Only_the_bounds_the_city_set_are_given_and_area_ids_a_shell_would_split_are_quoted()
    {
        // Floor 0 and ceiling 1000 (the budget) are the CLI's defaults, so they are left out; "green spaces" holds a
        // space and "O'Neill park" a quote, which POSIX single quotes keep ('\'' closes, escapes and reopens).
        var (command, complete) = AllocateCommandLine.For(Allocation(
            new AreaDefinition("parks", "Parks", Floor: 0, Ceiling: 1000),
            new AreaDefinition("green spaces", "Green", Floor: 100),
            new AreaDefinition("O'Neill park", "O'Neill", Ceiling: 600),
            new AreaDefinition("roads", "Roads", Floor: 50, Ceiling: 700)), "median");
        Assert.That(command, Is.EqualTo(
            "budgeting allocate ballots.csv --budget 1000 --rule median --floor 'green spaces=100' --ceiling 'O'\\''Neill park=600' "
            + "--floor roads=50 --ceiling roads=700 --format json"));
        Assert.That(complete, Is.True);
    }

    [Test]
    public void A_hierarchical_budgets_command_covers_the_allocation_only()
    {
        var (command, complete) = AllocateCommandLine.For(Allocation(
            new AreaDefinition("parks", "Parks", Projects: [new ProjectDefinition("a", "Playground", 120)], Rule: new RuleDefinition("greedy")),
            new AreaDefinition("roads", "Roads")), "median");
        Assert.That(command, Is.EqualTo("budgeting allocate ballots.csv --budget 1000 --rule median --format json"));
        Assert.That(complete, Is.False);
    }
}
