using System.Text.Json;

namespace Budgeting.Cli.Tests;

/// <summary>The samples the README runs, tallied through the CLI.</summary>
public sealed class SampleTests
{
    private static string Sample(string name)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Budgeting.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Budgeting.sln not found above the test directory."), "samples", name);
    }

    private static string[] Selected(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Test]
    public void City2026_ReadmeCommand_Succeeds()
    {
        var (code, output, error) = CliRun.Tally(Sample("city-2026.pb"), "--rule", "equal-shares", "--completion", "add1");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.EqualTo(0));
        Assert.That(output, Does.StartWith("Outcome of city-2026.pb\nRule: equal-shares"));
    }

    [Test]
    public void City2026_Greedy_FundsByApprovalsAndSkipsWhatDoesNotFit()
    {
        // From the file's votes column (budget 400,000): 1 (26 votes, 180,000), 2 (18, 150,000) → 330,000;
        // 10 (16, 50,000) → 380,000; 11 (12, 8,000) → 388,000; 3 (11, 60,000) does not fit; 8 and 9 tie
        // on 10 votes and min-cost puts 8 (12,000) first → exactly 400,000; nothing else fits.
        var (code, output, _) = CliRun.Tally(Sample("city-2026.pb"), "--rule", "greedy", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Selected(output), Is.EqualTo(new[] { "1", "2", "10", "11", "8" }));
    }

    [Test]
    public void City2026Cumulative_Greedy_FundsByPoints()
    {
        // From the file's score column (budget 80,000): A2 (59 points, 18,000), A1 (39, 25,000) → 43,000;
        // A5 (28, 30,000) → 73,000; A3 (40,000), A7 (20,000), A4 (9,000) and A6 (12,000) exceed the
        // 7,000 left; A8 (18, 6,000) fits → 79,000.
        var (code, output, _) = CliRun.Tally(Sample("city-2026-cumulative.pb"), "--rule", "greedy", "--format", "json");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(Selected(output), Is.EqualTo(new[] { "A2", "A1", "A5", "A8" }));
    }
}
