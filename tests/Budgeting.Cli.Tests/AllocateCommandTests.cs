using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Budgeting.Cli.Tests;

public sealed class AllocateCommandTests
{
    // Two panelists, three areas, nobody funds culture. Worked by hand in the Core tests
    // (AllocationRuleTests.Allocate_AreaNobodyFunds_GetsNothing): Independent Markets stops at t = 1/2 with phantom
    // f_1 = 1/2 as the median of parks and roads -> (50, 50, 0); the mean is (40, 60, 0).
    private const string Votes = """
        voter_id,parks,roads,culture
        v1,60,40,0
        v2,20,80,0

        """;

    // Projects for a hierarchical budget; the category names the area. Approvals: P1 by voters 1-3, P2 by 1-2, R1 by
    // voter 4, C1 by voter 5.
    private const string Projects = """
        META
        key;value
        description;allocate test fixture
        country;Nowhere
        unit;Testville
        instance;2026
        num_projects;4
        num_votes;5
        budget;100
        vote_type;approval
        rule;greedy
        PROJECTS
        project_id;cost;votes;name;category
        P1;30;3;Playground;parks
        P2;25;2;Trees;parks
        R1;50;1;Crossing;roads
        C1;10;1;Mural;culture
        VOTES
        voter_id;vote
        1;P1,P2
        2;P1,P2
        3;P1
        4;R1
        5;C1

        """;

    private string folder = null!;
    private string workingDirectory = null!;

    [SetUp]
    public void CreateFolder()
    {
        workingDirectory = Directory.GetCurrentDirectory();
        folder = Path.Combine(Path.GetTempPath(), "budgeting-allocate-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Directory.SetCurrentDirectory(workingDirectory);
        Directory.Delete(folder, recursive: true);
    }

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(["allocate", .. args], new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string content) => Fixtures.Write(folder, name, content);

    [TestCase("independent-markets", 50, 50, "1/2", "1/2")]
    [TestCase("piecewise-uniform", 50, 50, "1/2", "1/2")]
    [TestCase("mean", 40, 60, "2/5", "3/5")]
    [TestCase("median", 40, 60, "2/5", "3/5")]
    public void Allocate_Json_HasTheHandWorkedAllocationAndFractions(string rule, long parks, long roads, string parksShare, string roadsShare)
    {
        var file = Write("votes.csv", Votes);
        var (code, output, error) = Run(file, "--budget", "100", "--rule", rule, "--format", "json");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var allocation = json.RootElement.GetProperty("allocation");
        Assert.That(allocation.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())), Is.EqualTo(new[] { ("parks", parks), ("roads", roads), ("culture", 0L) }));
        var fractions = json.RootElement.GetProperty("fractions");
        Assert.That(fractions.EnumerateObject().Select(p => (p.Name, p.Value.GetString())), Is.EqualTo(new[] { ("parks", parksShare), ("roads", roadsShare), ("culture", "0") }));
    }

    // Independent Markets on the fixture: the outcome (50, 50, 0) is 10 + 10 = 20 from v1's (60, 40, 0) and 30 + 30 = 60
    // from v2's (20, 80, 0); the mean (40, 60, 0) is 10 + 10 = 20 away from the outcome.
    [Test]
    public void Allocate_Json_ReportsDistancesAndWhatSetEachArea()
    {
        var file = Write("votes.csv", Votes);
        var (code, output, _) = Run(file, "--budget", "100", "--rule", "independent-markets", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("time").GetProperty("exact").GetString(), Is.EqualTo("1/2"));
        Assert.That(root.GetProperty("distanceFromMean").GetProperty("exact").GetString(), Is.EqualTo("20"));
        Assert.That(root.GetProperty("panelistDistances").EnumerateArray().Select(d => (d.GetProperty("voterId").GetString(), d.GetProperty("distance").GetProperty("exact").GetString())),
            Is.EqualTo(new[] { ("v1", "20"), ("v2", "60") }));
        var areas = root.GetProperty("areas").EnumerateArray().ToArray();
        Assert.That(areas.Select(a => a.GetProperty("setBy").GetString()), Is.EqualTo(new[] { "phantom", "phantom", "phantom" }));
        Assert.That(areas[0].GetProperty("phantom").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void Allocate_Text_ListsAmountsSharesAndTheTime()
    {
        var file = Write("votes.csv", Votes);
        var (code, output, _) = Run(file, "--budget", "100", "--rule", "independent-markets");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("Allocation by independent-markets of votes.csv\nBudget 100, 3 areas, 2 panelists\nPhantoms stop at t* = 1/2 (0.5)\n"));
        Assert.That(output, Does.Contain("parks                50       50 %  1/2; median is phantom f_1(t*) = 1/2\n"));
        Assert.That(output, Does.Contain("culture               0        0 %  0; median is phantom f_2(t*) = 0\n"));
    }

    [Test]
    public void Allocate_Chart_WritesAnSvgWithOneRowPerAreaAndTheOutcome()
    {
        var file = Write("votes.csv", Votes);
        var chart = Path.Combine(folder, "chart.svg");
        var (code, _, _) = Run(file, "--budget", "100", "--rule", "independent-markets", "--chart", chart);
        Assert.That(code, Is.EqualTo(0));
        var svg = XDocument.Load(chart);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var rows = svg.Root!.Elements(ns + "g").ToArray();
        Assert.That(rows.Select(g => g.Element(ns + "text")!.Value), Is.EqualTo(new[] { "parks", "roads", "culture" }));
        // The plot runs from x = 170 (0) to 670 (the budget): the outcome 50 of 100 is at 420, the diamond's top point.
        Assert.That(rows[0].Element(ns + "path")!.Attribute("d")!.Value, Does.StartWith("M 420 "));
        Assert.That(rows[0].Element(ns + "path")!.Element(ns + "title")!.Value, Is.EqualTo("outcome 50 (1/2 of the budget)"));
        var again = Path.Combine(folder, "again.svg");
        Run(file, "--budget", "100", "--rule", "independent-markets", "--chart", again);
        Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(chart)));
    }

    // Greedy in each area, budgets from Independent Markets: parks 50 buys P1 (30, 3 approvals) and not P2 (25 > 20
    // left); roads 50 buys R1 (50); culture gets 0 and buys nothing.
    [Test]
    public void Allocate_WithProjects_RunsAProjectVoteInEachArea()
    {
        var file = Write("votes.csv", Votes);
        var projects = Write("projects.pb", Projects);
        var (code, output, error) = Run(file, "--budget", "100", "--rule", "independent-markets", "--format", "json", "--projects", projects, "--project-rule", "greedy");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var votes = json.RootElement.GetProperty("projectVotes").EnumerateArray().ToArray();
        Assert.That(votes.Select(v => (v.GetProperty("area").GetString(), v.GetProperty("budget").GetInt64())), Is.EqualTo(new[] { ("parks", 50L), ("roads", 50L), ("culture", 0L) }));
        string[] Selected(JsonElement vote) => vote.GetProperty("report").GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.That(Selected(votes[0]), Is.EqualTo(new[] { "P1" }));
        Assert.That(Selected(votes[1]), Is.EqualTo(new[] { "R1" }));
        Assert.That(Selected(votes[2]), Is.Empty);
    }

    // The CLI's side of the rule that area names never start or end with whitespace: spaces around a CSV header cell
    // (quoted or not) are padding and dropped, and a project's category is trimmed, so " parks " in the header and
    // "parks " as a category both name the area "parks" (same outcome as Allocate_WithProjects_RunsAProjectVoteInEachArea).
    [Test]
    public void Allocate_PaddedHeaderCellsAndCategories_NameTheTrimmedArea()
    {
        var file = Write("votes.csv", Votes.Replace("voter_id,parks,roads,culture", "voter_id, parks ,\" roads\",culture", StringComparison.Ordinal));
        var projects = Write("projects.pb", Projects.Replace("P2;25;2;Trees;parks", "P2;25;2;Trees;parks ", StringComparison.Ordinal));
        var (code, output, error) = Run(file, "--budget", "100", "--rule", "independent-markets", "--format", "json", "--projects", projects, "--floor", "roads=10");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        Assert.That(json.RootElement.GetProperty("allocation").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())),
            Is.EqualTo(new[] { ("parks", 50L), ("roads", 50L), ("culture", 0L) }));
        var votes = json.RootElement.GetProperty("projectVotes").EnumerateArray().ToArray();
        Assert.That(votes[0].GetProperty("report").GetProperty("selected").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "P1" }));
        Assert.That(votes[0].GetProperty("report").GetProperty("projects").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public void Allocate_ProjectInNoArea_ExitsTwoNamingTheProject()
    {
        var file = Write("votes.csv", Votes);
        var projects = Write("projects.pb", Projects.Replace("C1;10;1;Mural;culture", "C1;10;1;Mural;sports", StringComparison.Ordinal));
        var (code, output, error) = Run(file, "--budget", "100", "--rule", "mean", "--projects", projects);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo("projects.pb: Project 'C1' has category 'sports', which is not an area (parks, roads, culture).\n"));
    }

    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\nv2,20,70,0\n", new string[0], "votes.csv:3: field 'total': the amounts add up to 90, not the budget 100")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\nv2,-20,120,0\n", new string[0], "votes.csv:3: field 'parks': amount -20 is negative")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\nv2,20.5,79.5,0\n", new string[0], "votes.csv:3: field 'parks': '20.5' is not a whole number")]
    [TestCase("voter_id,parks,roads,sports\nv1,60,40,0\n", new[] { "--areas", "parks,roads,culture" }, "votes.csv:1: field 'sports': unknown area 'sports'; the areas are parks, roads, culture")]
    [TestCase("voter_id,parks,roads\nv1,60,40\n", new[] { "--areas", "parks,roads,culture" }, "votes.csv:1: field 'culture': the header lacks area 'culture'")]
    [TestCase("voter_id,parks,parks\nv1,60,40\n", new string[0], "votes.csv:1: field 'parks': column 'parks' appears twice")]
    [TestCase("id,parks,roads\nv1,60,40\n", new string[0], "votes.csv:1: field 'id': the first column must be 'voter_id'")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\nv1,20,80,0\n", new string[0], "votes.csv:3: field 'voter_id': voter 'v1' already has a ballot on line 2")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\nv2,20,80\n", new string[0], "votes.csv:3: field 'culture': missing: the row has 3 fields, the header 4")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\n", new[] { "--floor", "culture=10" }, "votes.csv:2: field 'culture': amount 0 is below the area's floor 10")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\n", new[] { "--ceiling", "parks=50" }, "votes.csv:2: field 'parks': amount 60 is above the area's ceiling 50")]
    [TestCase("voter_id,parks,roads,culture\nv1,60,40,0\n", new[] { "--floor", "sports=10" }, "votes.csv:1: field 'sports': a floor is set for area 'sports', which the header does not name")]
    [TestCase("voter_id,parks,roads,culture\n", new string[0], "votes.csv:1: field 'voter_id': the file has no ballots, only a header")]
    public void Allocate_BadInput_ExitsTwoWithFileLineFieldAndWritesNothing(string content, string[] options, string message)
    {
        Directory.SetCurrentDirectory(folder);
        Write("votes.csv", content);
        var (code, output, error) = Run(["votes.csv", "--budget", "100", "--rule", "independent-markets", "--out", "report.txt", "--chart", "chart.svg", .. options]);
        Assert.That(error, Is.EqualTo(message + "\n"));
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(File.Exists(Path.Combine(folder, "report.txt")), Is.False);
        Assert.That(File.Exists(Path.Combine(folder, "chart.svg")), Is.False);
    }

    [TestCase(new[] { "--budget", "0" }, "budgeting allocate: The budget must be positive, not 0. (Parameter 'budget')")]
    [TestCase(new[] { "--budget", "100", "--floor", "parks" }, "budgeting allocate: --floor 'parks': expected AREA=AMOUNT with a whole amount.")]
    [TestCase(new[] { "--budget", "100", "--floor", "parks=60", "--floor", "roads=50" }, "budgeting allocate: The floors add up to 110, more than the budget 100.")]
    public void Allocate_BadOptions_ExitsTwo(string[] options, string message)
    {
        var file = Write("votes.csv", Votes);
        var (code, _, error) = Run([file, "--rule", "mean", .. options]);
        Assert.That(error, Is.EqualTo(message + "\n"));
        Assert.That(code, Is.EqualTo(2));
    }

    [Test]
    public void Allocate_UnknownRule_ExitsTwo()
    {
        var file = Write("votes.csv", Votes);
        var (code, _, error) = Run(file, "--budget", "100", "--rule", "average");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("budgeting: Argument 'average' not recognized."));
    }

    [Test]
    public void Allocate_HierarchicalSample_GivesEachAreaItsAmountAsBudget()
    {
        var samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "samples");
        var (code, output, _) = Run(Path.Combine(samples, "allocation-2026.csv"), "--budget", "20000000", "--rule", "independent-markets", "--format", "json",
            "--projects", Path.Combine(samples, "allocation-2026-projects.pb"), "--project-rule", "equal-shares");
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var allocation = json.RootElement.GetProperty("allocation").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToArray();
        var votes = json.RootElement.GetProperty("projectVotes").EnumerateArray().ToArray();
        Assert.That(votes.Select(v => (v.GetProperty("area").GetString()!, v.GetProperty("budget").GetInt64())), Is.EqualTo(allocation));
        Assert.That(votes.Select(v => v.GetProperty("report").GetProperty("budget").GetInt64()), Is.EqualTo(allocation.Select(a => a.Item2)));
        Assert.That(votes.Select(v => v.GetProperty("report").GetProperty("totalCost").GetInt64()).Zip(allocation, (cost, a) => cost <= a.Item2), Is.All.True);
    }

    [Test]
    public void Allocate_Sample_FundsEveryAreaAndAddsUpToTheBudget()
    {
        var sample = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "samples", "allocation-2026.csv");
        var (code, output, _) = Run(sample, "--budget", "20000000", "--rule", "piecewise-uniform", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        using var json = JsonDocument.Parse(output);
        var amounts = json.RootElement.GetProperty("allocation").EnumerateObject().Select(p => p.Value.GetInt64()).ToArray();
        Assert.That(amounts.Sum(), Is.EqualTo(20_000_000));
        Assert.That(amounts, Has.All.GreaterThan(0));
    }
}
