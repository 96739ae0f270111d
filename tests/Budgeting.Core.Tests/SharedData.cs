namespace Budgeting.Core.Tests;

/// <summary>
/// Finds the shared data folder (<c>../shared</c> beside the repository root, or <c>BUDGETING_SHARED</c>).
/// Tests that need it call <see cref="RequirePabulib"/> or <see cref="RequireSortition"/>, which mark
/// the test as skipped with a clear message when the folder is absent, as on a user's fresh clone.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding Budgeting.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Budgeting.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("Budgeting.sln not found above the test directory.");
        }
    }

    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Folder => Root.Value;

    /// <summary>The Pabulib corpus folder; skips the test when it is absent.</summary>
    public static string RequirePabulib() => Require("pabulib");

    /// <summary>The sortition instances folder; skips the test when it is absent.</summary>
    public static string RequireSortition() => Require("sortition");

    /// <summary>The path of one Pabulib election by name (without extension); skips the test when it is absent.</summary>
    public static string RequirePabulibFile(string name)
    {
        var path = Path.Combine(RequirePabulib(), name + ".pb.gz");
        if (!File.Exists(path))
        {
            Assert.Ignore($"Pabulib file {path} is absent; this test needs the shared corpus.");
        }

        return path;
    }

    private static string Require(string sub)
    {
        var folder = Folder is null ? null : Path.Combine(Folder, sub);
        if (folder is null || !Directory.Exists(folder))
        {
            Assert.Ignore($"Shared data folder '{sub}' not found (looked for ../shared/{sub} beside the repository, or $BUDGETING_SHARED/{sub}); this test needs it.");
        }

        return folder!;
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("BUDGETING_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
