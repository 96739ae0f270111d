using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Budgeting.Api.Tests;

/// <summary>
/// The service as a separate operating-system process (<c>dotnet Budgeting.Api.dll --urls …</c>), on a SQLite file
/// in a temporary folder, with a known admin key: what the browser and reliability tests run against. It can be
/// killed with SIGKILL and started again on the same database.
/// </summary>
internal sealed class RealHost : IDisposable
{
    public const string AdminKey = TestHost.AdminKey;

    private Process? process;

    private RealHost(string folder)
    {
        Folder = folder;
        DatabasePath = Path.Combine(folder, "budgeting.db");
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Everything the host printed (standard output and error).</summary>
    public string Output => output.ToString();

    private readonly System.Text.StringBuilder output = new();

    /// <summary>Starts a host on a fresh database.</summary>
    public static async Task<RealHost> StartAsync()
    {
        var host = new RealHost(Directory.CreateTempSubdirectory("budgeting-real-host-").FullName);
        await host.StartProcessAsync();
        return host;
    }

    /// <summary>The repository's root (the folder holding Budgeting.sln).</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Budgeting.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Budgeting.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Kills the host with SIGKILL (no shutdown, no flushing) and waits for it to be gone.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Starts the host again on the same database (on a new port).</summary>
    public Task RestartAsync()
    {
        Kill();
        return StartProcessAsync();
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public HttpClient Official() => Client(AdminKey);

    private async Task StartProcessAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Budgeting.Api.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(Path.Combine(RepositoryRoot(), "src", "Budgeting.Api"));
        info.Environment["Budgeting__DatabasePath"] = DatabasePath;
        info.Environment["Budgeting__AdminKey"] = AdminKey;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = Client();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await probe.GetAsync("/api/ballot");
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host did not answer within 120 s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left behind in the temporary folder
        }
    }
}
