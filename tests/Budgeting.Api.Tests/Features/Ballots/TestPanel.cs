using System.Net.Http.Json;
using System.Text.Json;
using Budgeting.Api.Security;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Tests.Features.Ballots;

/// <summary>
/// Sets up an election with a drawn panel for ballot tests. Until the panel endpoints issue tokens, the panel is
/// seated by inserting panelists straight into SQLite (tokens hashed with <see cref="Secrets.Hash"/>, as the service
/// stores them) and moving the election to panel-drawn; voting is then opened through the API.
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

    /// <summary>Creates the election, seats <paramref name="size"/> panelists (ids a1, a2, …) and opens voting when asked.</summary>
    public static async Task<(long ElectionId, string[] Tokens)> CreateAsync(string databasePath, HttpClient official, object definition, int size = 3, bool open = true)
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
