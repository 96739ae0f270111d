using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Budgeting.Audit;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>
/// Runs samples/walkthrough.sh (curl and jq) against a freshly started host process (dotnet Budgeting.Api.dll on a
/// free loopback port, a new database, a known admin key), then checks the audit bundle it downloaded.
/// </summary>
[NonParallelizable]
public sealed class WalkthroughTests
{
    private const string AdminKey = "walkthrough-admin-key-0123456789";

    [Test]
    public async Task The_walkthrough_passes_against_a_freshly_started_host()
    {
        await RunAgainstFreshHostAsync("walkthrough.sh", (output, verification) =>
        {
            Assert.That(output, Does.Contain("== close voting and publish\npublished: 12 ballots; funded "));
            Assert.That(output, Does.EndWith("walkthrough passed: election 1 published\n"));
            Assert.That(verification.Checked, Has.Some.StartsWith("lottery/round-1/"), "the walkthrough's replacement round is in the bundle and checks out");
        });
    }

    [Test]
    public async Task The_hierarchical_budget_walkthrough_passes_and_its_bundle_re_runs_both_stages()
    {
        await RunAgainstFreshHostAsync("walkthrough-areas.sh", (output, verification) =>
        {
            Assert.That(output, Does.Contain("areaProjects.parks[0]: Project '1' belongs to area 'streets', not 'parks'.\n"));
            Assert.That(output, Does.Contain("== close voting and publish\npublished: 12 ballots; streets "));
            Assert.That(output, Does.Contain("\ncommunity: "));
            Assert.That(output, Does.EndWith("walkthrough passed: election 1 published\n"));
            Assert.That(verification.Checked, Has.Some.StartsWith("results.json: identical to the re-run of both stages"));
        });
    }

    // Starts a host process on a new database, runs samples/SCRIPT against it, and checks the audit bundle it downloaded.
    private static async Task RunAgainstFreshHostAsync(string scriptName, Action<string, AuditVerification> check)
    {
        foreach (var tool in new[] { "bash", "curl", "jq" })
        {
            if (!OnPath(tool))
            {
                Assert.Ignore($"{scriptName} needs {tool}, which is not on PATH; install it to run this test.");
            }
        }

        var repository = RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("budgeting-walkthrough-").FullName;
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var host = Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "Budgeting.Api.dll"), "--urls", baseUrl], AppContext.BaseDirectory, new()
        {
            ["Budgeting__DatabasePath"] = Path.Combine(folder, "walkthrough.db"),
            ["Budgeting__AdminKey"] = AdminKey,
        });
        // Drain the host's output so that it never blocks on a full pipe.
        var hostOutput = host.StandardOutput.ReadToEndAsync();
        var hostError = host.StandardError.ReadToEndAsync();
        try
        {
            await WaitUntilListeningAsync(host, baseUrl, hostError);
            using var script = Start("bash", [Path.Combine(repository, "samples", scriptName)], folder, new()
            {
                ["BASE_URL"] = baseUrl,
                ["ADMIN_KEY"] = AdminKey,
                ["OUT"] = Path.Combine(folder, "out"),
            });
            var output = script.StandardOutput.ReadToEndAsync();
            var error = script.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            await script.WaitForExitAsync(timeout.Token);

            Assert.That(script.ExitCode, Is.Zero, $"{scriptName} failed:\n{await output}\n{await error}");
            await using var bundle = File.OpenRead(Path.Combine(folder, "out", "audit-bundle.zip"));
            var verification = AuditBundleVerifier.Verify(bundle);
            Assert.That(verification.Findings, Is.Empty);
            check(await output, verification);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            await Task.WhenAll(hostOutput, hostError);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_walkthrough_stops_with_a_non_zero_exit_naming_the_step_when_a_request_fails()
    {
        if (!OnPath("bash") || !OnPath("curl") || !OnPath("jq"))
        {
            Assert.Ignore("walkthrough.sh needs bash, curl and jq on PATH; install them to run this test.");
        }

        // Nothing listens on this port: the first request fails.
        using var script = Start("bash", [Path.Combine(RepositoryRoot(), "samples", "walkthrough.sh")], Path.GetTempPath(), new()
        {
            ["BASE_URL"] = $"http://127.0.0.1:{FreePort()}",
            ["ADMIN_KEY"] = AdminKey,
            ["OUT"] = Path.Combine(Path.GetTempPath(), "budgeting-walkthrough-refused-" + Guid.NewGuid().ToString("N")),
        });
        var error = script.StandardError.ReadToEndAsync();
        _ = script.StandardOutput.ReadToEndAsync();
        await script.WaitForExitAsync();

        Assert.That(script.ExitCode, Is.Not.Zero);
        Assert.That(await error, Does.Contain("walkthrough.sh: FAILED at step: create the election from samples/riverton/election.json"));
    }

    private static Process Start(string file, string[] arguments, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
    }

    private static async Task WaitUntilListeningAsync(Process host, string baseUrl, Task<string> hostError)
    {
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (host.HasExited)
            {
                Assert.Fail($"The host exited with code {host.ExitCode}: {await hostError}");
            }

            try
            {
                using var response = await client.GetAsync($"{baseUrl}/openapi/v1.json");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail("The host did not start listening within a minute.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Budgeting.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Budgeting.sln was not found above the test's folder.");
    }
}
