using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Tests.Features.Panel;

/// <summary>A small city for the panel endpoints: eight volunteers, a panel of three, and helpers to drive the lifecycle.</summary>
internal static class PanelScenario
{
    public const string Seed = "2026-11-27 lottery 7 19 23 31 44 45";
    public const string ReplaceSeed = "2026-12-04 replacements 3 8 15 22 40 41";

    // Eight people; p1 and p5 share address A (one household). The same pool as the CLI's lottery tests.
    public const string People = "id,name,gender,age,address\n" +
        "p1,Ann,female,young,A\np2,Bob,male,young,B\np3,Cat,female,old,C\np4,Dan,male,old,D\n" +
        "p5,Eve,female,young,A\np6,Fay,female,old,F\np7,Gus,male,young,G\np8,Hal,male,old,H\n";

    // Panel of 3: one or two of each gender and of each age.
    public const string Categories = "feature,value,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,1,2\nage,old,1,2\n";

    /// <summary>Each id's gender, age and address, as in <see cref="People"/>, for independent checks of panels.</summary>
    public static readonly Dictionary<string, (string Gender, string Age, string Address)> Attributes = new()
    {
        ["p1"] = ("female", "young", "A"), ["p2"] = ("male", "young", "B"), ["p3"] = ("female", "old", "C"),
        ["p4"] = ("male", "old", "D"), ["p5"] = ("female", "young", "A"), ["p6"] = ("female", "old", "F"),
        ["p7"] = ("male", "young", "G"), ["p8"] = ("male", "old", "H"),
    };

    public static object Definition() => new
    {
        city = "Riverton",
        title = "Riverton 2027",
        currency = "EUR",
        budget = 1000L,
        ballotKind = "approval",
        rule = new { name = "greedy" },
        panelSize = 3,
        projects = new[] { new { id = "p1", name = "Park benches", cost = 400L, description = "New benches." } },
    };

    /// <summary>Checks a panel against the quotas and households by hand.</summary>
    public static void AssertValidPanel(IReadOnlyCollection<string> ids)
    {
        var members = ids.Select(id => Attributes[id]).ToArray();
        Assert.That(members, Has.Length.EqualTo(3));
        foreach (var gender in new[] { "female", "male" })
        {
            Assert.That(members.Count(m => m.Gender == gender), Is.InRange(1, 2), gender);
        }

        foreach (var age in new[] { "young", "old" })
        {
            Assert.That(members.Count(m => m.Age == age), Is.InRange(1, 2), age);
        }

        Assert.That(members.Select(m => m.Address).Distinct().Count(), Is.EqualTo(3), "one per household");
    }

    public static async Task<long> CreateAsync(HttpClient official)
    {
        var created = await official.PostAsJsonAsync("/api/elections", Definition());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public static MultipartFormDataContent Pool(string people = People, string categories = Categories, string peopleName = "people.csv", bool addresses = true)
    {
        var form = new MultipartFormDataContent();
        var peopleContent = new ByteArrayContent(Encoding.UTF8.GetBytes(people));
        peopleContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(peopleContent, "people", peopleName);
        var categoriesContent = new ByteArrayContent(Encoding.UTF8.GetBytes(categories));
        categoriesContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(categoriesContent, "categories", "categories.csv");
        form.Add(new StringContent("id"), "idColumn");
        if (addresses)
        {
            form.Add(new StringContent("address"), "addressColumns");
        }

        return form;
    }

    public static async Task<long> LoadedAsync(HttpClient official)
    {
        var id = await CreateAsync(official);
        var upload = await official.PutAsync($"/api/elections/{id}/pool", Pool());
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK), await upload.Content.ReadAsStringAsync());
        return id;
    }

    public static async Task<(long Id, string Sha256)> CommittedAsync(HttpClient official)
    {
        var id = await LoadedAsync(official);
        var lottery = await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 100 });
        Assert.That(lottery.StatusCode, Is.EqualTo(HttpStatusCode.Created), await lottery.Content.ReadAsStringAsync());
        return (id, (await lottery.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sha256").GetString()!);
    }

    public static async Task<(long Id, string[] Panel)> DrawnAsync(HttpClient official)
    {
        var (id, _) = await CommittedAsync(official);
        var reveal = await official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = Seed });
        Assert.That(reveal.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reveal.Content.ReadAsStringAsync());
        var body = await reveal.Content.ReadFromJsonAsync<JsonElement>();
        return (id, body.GetProperty("chosen").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    /// <summary>Issues tokens and returns the CSV's rows (header first), split into fields (the fixture has no quoted fields).</summary>
    public static async Task<string[][]> IssueAsync(HttpClient official, long id)
    {
        var response = await official.PostAsync($"/api/elections/{id}/tokens", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
    }

    public static async Task<string> StageAsync(HttpClient official, long id) =>
        (await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}")).GetProperty("stage").GetString()!;

    public static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>Every row of every table, as text: two snapshots are equal when nothing was written.</summary>
    public static string Snapshot(TestHost host) => Snapshot(host.DatabasePath);

    /// <summary>Every row of every table of the database file, as text.</summary>
    public static string Snapshot(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in new[] { "elections", "pools", "lotteries", "panelists", "ballots", "results", "events" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
            using var reader = command.ExecuteReader();
            text.Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Convert.ToHexString(bytes) : value.ToString()).Append('|');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
