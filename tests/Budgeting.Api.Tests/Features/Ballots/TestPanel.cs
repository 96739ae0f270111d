using System.Net.Http.Json;
using System.Text.Json;
using Budgeting.Api.Security;
using Budgeting.Api.Tests.Features.Panel;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Tests.Features.Ballots;

/// <summary>
/// Sets up an election with a drawn panel for ballot tests: through the panel endpoints for a panel of three, or, for
/// large panels, by inserting panelists straight into SQLite (tokens hashed with <see cref="Secrets.Hash"/>, as the
/// service stores them) and moving the election to panel-drawn; voting is then opened through the API.
/// </summary>
internal static class TestPanel
{
    public static object Knapsack(long budget = 1000) => new
    {
        city = "Riverton",
        title = "Riverton 2027",
        currency = "EUR",
        budget,
        ballotKind = "approval",
        limits = new { maxSumCost = budget },
        rule = new { name = "greedy" },
        panelSize = 3,
        projects = new[]
        {
            new { id = "p1", name = "Park benches", cost = 400L, description = "New benches in the park." },
            new { id = "p2", name = "Library hours", cost = 700L, description = "Open on Sundays." },
            new { id = "p3", name = "Bike racks", cost = 300L, description = "Racks at the station." },
        },
    };

    public static object Allocation(long budget = 1000) => new
    {
        city = "Riverton",
        title = "Riverton areas 2027",
        currency = "EUR",
        budget,
        ballotKind = "allocation",
        rule = new { name = "independent-markets" },
        panelSize = 3,
        projects = Array.Empty<object>(),
        areas = new object[]
        {
            new { id = "parks", name = "Parks" },
            new { id = "schools", name = "Schools", floor = 100L },
            new { id = "roads", name = "Roads", ceiling = 600L },
        },
    };

    /// <summary>
    /// Creates the election and draws its panel of three through the panel endpoints (pool upload, lottery commit,
    /// reveal, tokens), then opens voting when asked. Returns the tokens and, parallel to them, the panelists' ids.
    /// </summary>
    public static async Task<(long ElectionId, string[] Tokens, string[] People)> DrawnAsync(HttpClient official, object definition, bool open = true)
    {
        var created = await official.PostAsJsonAsync("/api/elections", definition);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await Ok(await official.PutAsync($"/api/elections/{id}/pool", PanelScenario.Pool()));
        await Ok(await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 100 }));
        await Ok(await official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = PanelScenario.Seed }));
        var rows = await PanelScenario.IssueAsync(official, id);
        if (open)
        {
            await Ok(await official.PostAsync($"/api/elections/{id}/open", null));
        }

        var person = Array.IndexOf(rows[0], "person_id");
        var token = Array.IndexOf(rows[0], "token");
        Assert.That((person, token), Is.Not.EqualTo((-1, -1)), "the token export names person_id and token");
        return (id, rows.Skip(1).Select(r => r[token]).ToArray(), rows.Skip(1).Select(r => r[person]).ToArray());
    }

    /// <summary>
    /// Creates the election and seats <paramref name="size"/> panelists (ids a1, a2, …) straight into SQLite, for
    /// tests that need panels larger than the panel scenario's pool (the 200-client and kill -9 tests).
    /// </summary>
    public static async Task<(long ElectionId, string[] Tokens)> SeatedAsync(string databasePath, HttpClient official, object definition, int size, bool open = true)
    {
        var created = await official.PostAsJsonAsync("/api/elections", definition);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var tokens = Seat(databasePath, id, size);
        if (open)
        {
            (await official.PostAsync($"/api/elections/{id}/open", null)).EnsureSuccessStatusCode();
        }

        return (id, tokens);
    }

    private static async Task Ok(HttpResponseMessage response) =>
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());

    /// <summary>Inserts an active panelist per token and moves the election to panel-drawn.</summary>
    public static string[] Seat(string databasePath, long electionId, int size)
    {
        var tokens = Enumerable.Range(0, size).Select(_ => Secrets.Create()).ToArray();
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        for (var i = 0; i < size; i++)
        {
            Execute(connection, "INSERT INTO panelists (election_id, person_id, pseudonym, round, status, token_sha256) VALUES ($e, $p, $s, 0, 'active', $h)",
                ("$e", electionId), ("$p", $"a{i + 1}"), ("$s", $"P{i + 1:000}"), ("$h", Secrets.Hash(tokens[i])));
        }

        Execute(connection, "UPDATE elections SET stage = 'panel-drawn' WHERE id = $e", ("$e", electionId));
        transaction.Commit();
        return tokens;
    }

    /// <summary>Runs one statement on the test database directly.</summary>
    public static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Reads one number from the test database directly.</summary>
    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
