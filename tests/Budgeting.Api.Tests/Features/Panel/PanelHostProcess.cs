using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Budgeting.Api.Tests.Features.Panel;

/// <summary>
/// The service as a real process (Kestrel, with its request limits) on a free loopback port, on a fresh database in a
/// temporary folder. Dispose it to kill the process and delete the folder.
/// </summary>
internal sealed class PanelHostProcess : IDisposable
{
    private readonly Process process;

    private PanelHostProcess(Process process, string folder, Uri address)
    {
        this.process = process;
        Folder = folder;
        Address = address;
    }

    public string Folder { get; }

    public Uri Address { get; }

    public string DatabasePath => Path.Combine(Folder, "budgeting.db");

    public static async Task<PanelHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var folder = Directory.CreateTempSubdirectory("budgeting-api-process-").FullName;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Budgeting.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Budgeting__DatabasePath"] = Path.Combine(folder, "budgeting.db");
        start.Environment["Budgeting__AdminKey"] = TestHost.AdminKey;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new PanelHostProcess(process, folder, address);
        using var probe = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                host.Dispose();
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} before answering.");
            }

            try
            {
                if ((await probe.GetAsync("/openapi/v1.json")).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        host.Dispose();
        throw new TimeoutException("The host did not answer within 60 s.");
    }

    public HttpClient Official()
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestHost.AdminKey);
        return client;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder.
        }
    }
}
