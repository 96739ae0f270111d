using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Budgeting.Api.Tests.Features.Elections;

public sealed class IdempotencyTests
{
    private static object Definition(string title = "Riverton 2027") => new
    {
        city = "Riverton",
        title,
        currency = "EUR",
        budget = 1000L,
        ballotKind = "approval",
        rule = new { name = "greedy" },
        panelSize = 3,
        projects = new[] { new { id = "p1", name = "Park benches", cost = 400L } },
    };

    private static HttpRequestMessage Create(string key, object definition)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/elections") { Content = JsonContent.Create(definition) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Test]
    public async Task A_double_click_with_one_Idempotency_Key_creates_one_election()
    {
        using var host = new TestHost();
        using var official = host.Official();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => official.SendAsync(Create("click-1", Definition()))));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(3));
        Assert.That(responses.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => r.Headers.GetValues("Idempotent-Replayed").Single()), Is.All.EqualTo("true"));
        var ids = new List<long>();
        foreach (var response in responses)
        {
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That((await official.GetFromJsonAsync<JsonElement>("/api/elections")).GetArrayLength(), Is.EqualTo(1));

        var other = await official.SendAsync(Create("click-2", Definition()));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another key is another election");
        Assert.That((await official.GetFromJsonAsync<JsonElement>("/api/elections")).GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_reused_key_with_another_definition_gets_422_and_creates_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        Assert.That((await official.SendAsync(Create("k", Definition()))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var reused = await official.SendAsync(Create("k", Definition("Another title")));

        Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("This Idempotency-Key was already used for a different election definition; use a new key for a new election."));
        Assert.That((await official.GetFromJsonAsync<JsonElement>("/api/elections")).GetArrayLength(), Is.EqualTo(1));
    }
}
