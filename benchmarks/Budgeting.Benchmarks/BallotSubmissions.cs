using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Budgeting.Benchmarks;

/// <summary>
/// Ballot submissions against the service as a real process on loopback: starts <c>dotnet Budgeting.Api.dll</c> on a
/// fresh SQLite file, seats a panel directly in the database, opens voting, then has N concurrent clients send
/// <c>PUT /api/ballot</c> (knapsack ballots, each client cycling through its own panelists' tokens) for a fixed
/// time, and reports throughput and latency percentiles of the acknowledged submissions. A quick mode, not
/// BenchmarkDotNet: the figure of interest is the whole service's, with its fsyncs.
/// </summary>
public static class BallotSubmissions
{
    private const string AdminKey = "benchmark-admin-key-0123456789";

    /// <summary>Runs the benchmark and prints one line of results.</summary>
    public static async Task RunAsync(string apiDll, int clients, int seconds, int panelists)
    {
        if (!File.Exists(apiDll))
        {
            throw new FileNotFoundException($"{apiDll} was not found; build it first: dotnet build src/Budgeting.Api -c Release", apiDll);
        }

        var folder = Directory.CreateTempSubdirectory("budgeting-ballot-bench-").FullName;
        var database = Path.Combine(folder, "budgeting.db");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = folder, RedirectStandardOutput = true };
        info.ArgumentList.Add(Path.GetFullPath(apiDll));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.Environment["Budgeting__DatabasePath"] = database;
        info.Environment["Budgeting__AdminKey"] = AdminKey;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var host = Process.Start(info)!;
        host.OutputDataReceived += (_, _) => { };
        host.BeginOutputReadLine();
        try
        {
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
            await WaitForHostAsync(http, host);
            var tokens = await SetUpAsync(http, database, panelists);

            var projects = Enumerable.Range(1, 20).Select(i => $"q{i}").ToArray();
            var stop = DateTime.UtcNow;
            long[][] latencies = new long[clients][];
            var counts = new int[clients];
            var failures = 0;

            async Task ClientAsync(int c, DateTime until, bool record)
            {
                var list = new List<long>(4096);
                var i = c;
                while (DateTime.UtcNow < until)
                {
                    var token = tokens[i % tokens.Length];
                    var ballot = new { projects = new[] { projects[i % 20], projects[(i * 7 + 3) % 20] }.Distinct().ToArray() };
                    using var request = new HttpRequestMessage(HttpMethod.Put, "/api/ballot") { Content = JsonContent.Create(ballot) };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    var elapsed = Stopwatch.GetTimestamp() - started;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref failures);
                    }
                    else if (record)
                    {
                        list.Add(elapsed);
                    }

                    i += clients;
                }

                if (record)
                {
                    latencies[c] = [.. list];
                    counts[c] = list.Count;
                }
            }

            // Warm-up: JIT, connection pool, SQLite caches.
            stop = DateTime.UtcNow.AddSeconds(3);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop, record: false))));

            var cpuBefore = host.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            stop = DateTime.UtcNow.AddSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientAsync(c, stop, record: true))));
            clock.Stop();
            host.Refresh();
            var cpu = host.TotalProcessorTime - cpuBefore;

            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            double Percentile(double p) => all.Length == 0 ? double.NaN : Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            Console.WriteLine(
                $"clients {clients}: {all.Length} ballots in {clock.Elapsed.TotalSeconds:F1} s = {all.Length / clock.Elapsed.TotalSeconds:F0} ballots/s; " +
                $"p50 {Percentile(0.50):F1} ms, p99 {Percentile(0.99):F1} ms, max {Ms(all.LastOrDefault()):F1} ms; " +
                $"host CPU {cpu.TotalSeconds / clock.Elapsed.TotalSeconds:F2} cores; failures {failures}; load average {load}");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            host.WaitForExit();
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task WaitForHostAsync(HttpClient http, Process host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {host.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync("/api/ballot")).StatusCode == HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The host did not answer within 120 s.");
    }

    // A knapsack election of 20 projects; the panel is seated straight into SQLite (tokens stored as SHA-256 hex, as the
    // service stores them), then voting is opened through the API.
    private static async Task<string[]> SetUpAsync(HttpClient http, string database, int panelists)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/elections")
        {
            Content = JsonContent.Create(new
            {
                city = "Benchmark City",
                title = "Ballot submissions",
                currency = "EUR",
                budget = 1_000_000L,
                ballotKind = "approval",
                limits = new { maxSumCost = 1_000_000L },
                rule = new { name = "greedy" },
                panelSize = panelists,
                projects = Enumerable.Range(1, 20).Select(i => new { id = $"q{i}", name = $"Project {i}", cost = 20_000L * i, description = "A project." }).ToArray(),
            }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        var created = await http.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var tokens = Enumerable.Range(0, panelists).Select(_ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))).ToArray();
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO panelists (election_id, person_id, pseudonym, round, status, token_sha256) VALUES ($e, $p, $p, 0, 'active', $h)";
            var e = insert.Parameters.Add("$e", SqliteType.Integer);
            var p = insert.Parameters.Add("$p", SqliteType.Text);
            var h = insert.Parameters.Add("$h", SqliteType.Text);
            e.Value = id;
            for (var i = 0; i < panelists; i++)
            {
                p.Value = $"v{i}";
                h.Value = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokens[i])));
                insert.ExecuteNonQuery();
            }

            using var stage = connection.CreateCommand();
            stage.CommandText = "UPDATE elections SET stage = 'panel-drawn' WHERE id = $e";
            stage.Parameters.AddWithValue("$e", id);
            stage.ExecuteNonQuery();
            transaction.Commit();
        }

        using var open = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{id}/open");
        open.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        (await http.SendAsync(open)).EnsureSuccessStatusCode();
        return tokens;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
