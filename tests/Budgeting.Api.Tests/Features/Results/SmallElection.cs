using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>
/// Drives a small election through the API up to voting-closed: eight volunteers (p1 and p5 share a household), a
/// panel of three, four projects, greedy, and three approval ballots: {a, b}, {a, c}, {b, d}.
/// By hand: votes a 2, b 2, c 1, d 1; greedy takes b (tie with a, lower cost), a (70 of 100), skips c (120), takes d (90).
/// </summary>
internal static class SmallElection
{
    public const string Seed = "small election seed 1 2 3";

    public const string People = "id,name,gender,age,address\np1,Ann,female,young,A\np2,Bob,male,young,B\np3,Cat,female,old,C\np4,Dan,male,old,D\n" +
                                 "p5,Eve,female,young,A\np6,Fay,female,old,F\np7,Gus,male,young,G\np8,Hal,male,old,H\n";

    public const string Categories = "feature,value,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,1,2\nage,old,1,2\n";

    public static readonly string[][] Ballots = [["a", "b"], ["a", "c"], ["b", "d"]];

    public static object Definition() => new
    {
        city = "Testville",
        title = "Testville 2027",
        currency = "EUR",
        budget = 100L,
        ballotKind = "approval",
        rule = new { name = "greedy" },
        panelSize = 3,
        projects = new[]
        {
            new { id = "a", name = "Park", cost = 40L, description = "A park." },
            new { id = "b", name = "Bikes", cost = 30L, description = "Bike racks." },
            new { id = "c", name = "Library", cost = 50L, description = "Longer hours." },
            new { id = "d", name = "Benches", cost = 20L, description = "Benches." },
        },
    };

    /// <summary>Creates the election and takes it to <paramref name="stage"/> (voting-open or voting-closed); returns its id and the tokens.</summary>
    public static async Task<(long Id, IReadOnlyList<string> Tokens)> ToStageAsync(TestHost host, string stage)
    {
        using var official = host.Official();
        var created = await Ok(await official.PostAsJsonAsync("/api/elections", Definition()));
        var id = created.GetProperty("id").GetInt64();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(People)), "people", "people.csv" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Categories)), "categories", "categories.csv" },
            { new StringContent("id"), "idColumn" },
            { new StringContent("address"), "addressColumns" },
        };
        await Ok(await official.PutAsync($"/api/elections/{id}/pool", form));
        await Ok(await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 10 }));
        await Ok(await official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = Seed }));
        var tokensCsv = await (await official.PostAsync($"/api/elections/{id}/tokens", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var tokens = tokensCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[2]).ToList();
        Assert.That(tokens, Has.Count.EqualTo(3));
        await Ok(await official.PostAsync($"/api/elections/{id}/open", null));
        for (var i = 0; i < tokens.Count; i++)
        {
            using var panelist = host.WithBearer(tokens[i]);
            await Ok(await panelist.PutAsJsonAsync("/api/ballot", new { projects = Ballots[i] }));
        }

        if (stage == "voting-closed")
        {
            await Ok(await official.PostAsync($"/api/elections/{id}/close", null));
        }

        return (id, tokens);
    }

    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> StageAsync(TestHost host, long id)
    {
        using var official = host.Official();
        return (await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}")).GetProperty("stage").GetString()!;
    }

    public static HttpStatusCode Status(HttpResponseMessage response) => response.StatusCode;

    public static MediaTypeHeaderValue? ContentType(HttpResponseMessage response) => response.Content.Headers.ContentType;
}
