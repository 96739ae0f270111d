using System.Diagnostics;
using System.Globalization;

namespace Budgeting.Cli.Tests;

/// <summary>
/// The real draw (leximin from the sortition engine) on the paper's example_small_20, run in-process and as two separate
/// <c>dotnet</c> processes: the outputs must be byte-identical. Skipped when ../shared/sortition is absent.
/// </summary>
public sealed class LotteryProcessTests
{
    private const string Seed = "9319 2,5,12,8,10";
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-lottery-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    internal static string RequireInstance(string name)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Budgeting.sln")))
        {
            dir = dir.Parent;
        }

        var shared = Environment.GetEnvironmentVariable("BUDGETING_SHARED") ?? (dir?.Parent is { } parent ? Path.Combine(parent.FullName, "shared") : "");
        var instance = Path.Combine(shared, "sortition", name);
        if (!Directory.Exists(instance))
        {
            Assert.Ignore($"{instance} is absent; this test needs the shared sortition instances.");
        }

        return instance;
    }

    private static (int Code, string Error) Process(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BudgetingCommand).Assembly.Location);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error.Result);
    }

    private static (int Code, string Error) InProcess(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(args, new CliConsole(output, error));
        return (code, error.ToString());
    }

    [Test]
    public void ExampleSmall20_DrawAndRevealInSeparateProcesses_AreByteIdenticalAndPassTheAudit()
    {
        var instance = RequireInstance("example_small_20");
        var people = Path.Combine(instance, "respondents.csv");
        var categories = Path.Combine(instance, "categories.csv");
        var runs = new[] { "in-process", "process-1", "process-2" };
        foreach (var run in runs)
        {
            var output = Path.Combine(folder, run);
            string[] draw = ["draw", "--people", people, "--categories", categories, "--size", "20", "--out", output];
            string[] reveal = ["reveal", "--seed", Seed, "--out", output];
            var (drawCode, drawError) = run == "in-process" ? InProcess(draw) : Process(draw);
            Assert.That(drawCode, Is.Zero, drawError);
            var (revealCode, revealError) = run == "in-process" ? InProcess(reveal) : Process(reveal);
            Assert.That(revealCode, Is.Zero, revealError);
        }

        foreach (var name in new[] { "lottery.json", "lottery.sha256", "probabilities.csv", "report.md", "report.json", "reveal.json", "selected.csv", "remaining.csv" })
        {
            var expected = File.ReadAllBytes(Path.Combine(folder, runs[0], name));
            foreach (var run in runs.Skip(1))
            {
                Assert.That(File.ReadAllBytes(Path.Combine(folder, run, name)), Is.EqualTo(expected), $"{run}: {name}");
            }
        }

        var audit = InProcess("audit", "--people", people, "--categories", categories, "--size", "20", "--seed", Seed, "--out", Path.Combine(folder, "process-2"));
        Assert.That(audit.Code, Is.Zero, audit.Error);
    }

    [Test]
    public void ExampleSmall20_InfeasibleQuotas_ExitCode2NamesTheConflictAndTheRelaxation()
    {
        var instance = RequireInstance("example_small_20");
        // Keep only the liberal women and the conservative men, and require 20 women and 20 conservatives on a panel of
        // 20: every member would be a conservative woman, and there is none. Each feature alone is fine
        // (gender 20 + 0 <= 20 <= 40, leaning 0 + 20 <= 20 <= 40), so only the feasibility search can find the conflict.
        var categories = Path.Combine(folder, "categories.csv");
        File.WriteAllText(categories, "category,feature,min,max\ngender,female,20,20\ngender,male,0,20\nleaning,liberal,0,20\nleaning,conservative,20,20\n");
        var respondents = Path.Combine(folder, "respondents.csv");
        File.WriteAllLines(respondents, File.ReadAllLines(Path.Combine(instance, "respondents.csv"))
            .Where((line, i) => i == 0 || line == "female,liberal" || line == "male,conservative"));
        var (code, error) = InProcess("draw", "--people", respondents, "--categories", categories, "--size", "20", "--out", Path.Combine(folder, "out"));
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("infeasible"));
        Assert.That(error, Does.Contain("gender=female"));
        Assert.That(Directory.Exists(Path.Combine(folder, "out")), Is.False);
    }
}
