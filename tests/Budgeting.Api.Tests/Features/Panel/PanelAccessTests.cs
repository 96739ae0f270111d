using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Budgeting.Api.Tests.Features.Panel.PanelScenario;

namespace Budgeting.Api.Tests.Features.Panel;

/// <summary>Who may reach the panel endpoints, at which stage, and that every refused request changes nothing.</summary>
public sealed class PanelAccessTests
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("PUT", "pool"), ("GET", "pool"), ("POST", "lottery"), ("POST", "lottery/reveal"), ("GET", "lotteries"),
        ("GET", "lotteries/0/lottery.json"), ("GET", "lotteries/0/report.md"), ("POST", "replacements"), ("POST", "replacements/1/reveal"), ("GET", "panel"),
        ("POST", "tokens"), ("POST", "tokens/reissue"), ("GET", "events"),
    ];

    private static HttpRequestMessage Request(string method, long id, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"/api/elections/{id}/{path}");
        request.Content = path switch
        {
            "pool" when method == "PUT" => Pool(),
            "lottery" => JsonContent.Create(new { panels = 10 }),
            "lottery/reveal" or "replacements/1/reveal" => JsonContent.Create(new { seed = Seed }),
            "replacements" => JsonContent.Create(new { dropouts = new[] { "p1" } }),
            "tokens/reissue" => JsonContent.Create(new { personIds = new[] { "p1" } }),
            _ => null,
        };
        return request;
    }

    [Test]
    public async Task The_public_wrong_keys_and_panelists_reach_no_panel_endpoint_and_change_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await DrawnAsync(official);
        var token = (await IssueAsync(official, id))[1][2];
        using var anonymous = host.Anonymous();
        using var wrong = host.WithBearer("not-the-key");
        using var panelist = host.WithBearer(token);
        var before = Snapshot(host);

        foreach (var (method, path) in Endpoints)
        {
            Assert.That((await anonymous.SendAsync(Request(method, id, path))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path} anonymous");
            Assert.That((await wrong.SendAsync(Request(method, id, path))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path} wrong key");
            Assert.That((await panelist.SendAsync(Request(method, id, path))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {path} panelist");
        }

        Assert.That(Snapshot(host), Is.EqualTo(before));
    }

    [Test]
    public async Task Every_panel_endpoint_answers_404_for_an_unknown_election()
    {
        using var host = new TestHost();
        using var official = host.Official();

        foreach (var (method, path) in Endpoints)
        {
            var response = await official.SendAsync(Request(method, 42, path));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {path}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{method} {path}");
        }
    }

    [Test]
    public async Task Each_step_is_refused_with_409_at_the_wrong_stage_and_writes_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var draft = await CreateAsync(official);

        async Task Refused(long id, string method, string path, string detail)
        {
            var before = Snapshot(host);
            var response = await official.SendAsync(Request(method, id, path));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), $"{method} {path}");
            Assert.That(await DetailAsync(response), Is.EqualTo(detail), $"{method} {path}");
            Assert.That(Snapshot(host), Is.EqualTo(before), $"{method} {path}");
        }

        await Refused(draft, "POST", "lottery", "The election is draft; it must be pool-loaded before it can become lottery-committed.");
        await Refused(draft, "POST", "lottery/reveal", "The election is draft; it must be lottery-committed before it can become panel-drawn.");
        await Refused(draft, "POST", "replacements", "The election is draft; dropouts are replaced only while it is panel-drawn or voting-open.");
        await Refused(draft, "POST", "tokens", "The election is draft; voting tokens are issued only while it is panel-drawn or voting-open.");

        var (committed, _) = await CommittedAsync(official);
        await Refused(committed, "PUT", "pool", "The election is lottery-committed; the pool can only be uploaded while it is draft or pool-loaded (before the lottery is committed).");
        await Refused(committed, "POST", "lottery", "The election is already lottery-committed; it cannot go back to lottery-committed.");

        var (drawn, _) = await DrawnAsync(official);
        await Refused(drawn, "POST", "lottery/reveal", "The election is already panel-drawn; it cannot go back to panel-drawn.");
        await Refused(drawn, "POST", "lottery", "The election is already panel-drawn; it cannot go back to lottery-committed.");
    }

    [Test]
    public async Task Two_simultaneous_lottery_requests_commit_one_lottery()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await LoadedAsync(official);

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 10 })));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(1));
        var lotteries = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/lotteries");
        Assert.That(lotteries.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Two_simultaneous_reveals_or_token_exports_draw_one_panel_and_issue_one_set_of_tokens()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await CommittedAsync(official);

        var reveals = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = Seed })));
        Assert.That(reveals.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.That((await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/panel")).GetArrayLength(), Is.EqualTo(3));

        var exports = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => official.PostAsync($"/api/elections/{id}/tokens", null)));
        Assert.That(exports.Select(r => r.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
    }

    [Test]
    public async Task Malformed_bodies_get_400_and_change_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await CommittedAsync(official);
        var before = Snapshot(host);

        var bad = new (string Path, HttpContent? Content)[]
        {
            ("lottery/reveal", new StringContent("{\"seed\": ", Encoding.UTF8, "application/json")),
            ("lottery/reveal", new StringContent("{\"seed\": \"\"}", Encoding.UTF8, "application/json")),
            ("lottery/reveal", null),
            ("lottery", new StringContent("{\"panels\": 0}", Encoding.UTF8, "application/json")),
            ("lottery", new StringContent("{\"algorithm\": \"dice\"}", Encoding.UTF8, "application/json")),
            ("replacements", new StringContent("{\"dropouts\": []}", Encoding.UTF8, "application/json")),
            ("tokens/reissue", new StringContent("[1, 2", Encoding.UTF8, "application/json")),
        };
        foreach (var (path, content) in bad)
        {
            var response = await official.PostAsync($"/api/elections/{id}/{path}", content);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), path);
        }

        var panels = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("{\"panels\": 0}", Encoding.UTF8, "application/json"));
        var problem = await panels.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").GetProperty("Panels")[0].GetString(), Is.EqualTo("'Panels' must be between 1 and 1000000. You entered 0."));
        Assert.That(Snapshot(host), Is.EqualTo(before));
    }

    [Test]
    public async Task The_lottery_without_a_body_commits_with_the_defaults_as_an_empty_object_does()
    {
        // Both fields of the lottery's body are optional; before this, a request without a body got 400 "Missing
        // request body" and an official had to send {} to get the defaults (leximin, 1000 slots).
        using var host = new TestHost();
        using var official = host.Official();
        var bodies = new (string Name, Func<HttpContent?> Content)[]
        {
            ("{}", () => new StringContent("{}", Encoding.UTF8, "application/json")),
            ("no body", () => null),
            ("Content-Length: 0", () => new ByteArrayContent([])),
            ("Content-Length: 0, application/json", () => new StringContent("", Encoding.UTF8, "application/json")),
        };
        var answers = new List<JsonElement>();
        foreach (var (name, content) in bodies)
        {
            var id = await LoadedAsync(official);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/elections/{id}/lottery") { Content = content() };
            if (request.Content is not null)
            {
                Assert.That(request.Content.Headers.ContentLength, Is.Zero.Or.EqualTo(2), name);
            }

            var response = await official.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{name}: {await response.Content.ReadAsStringAsync()}");
            answers.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
            Assert.That(await StageAsync(official, id), Is.EqualTo("lottery-committed"), name);
        }

        Assert.Multiple(() =>
        {
            Assert.That(answers.Select(a => a.GetProperty("algorithm").GetString()), Is.All.EqualTo("leximin"));
            Assert.That(answers.Select(a => a.GetProperty("slots").GetInt32()), Is.All.EqualTo(1000));
            Assert.That(answers.Select(a => a.GetProperty("sha256").GetString()).Distinct().Count(), Is.EqualTo(1), "the same pool and options commit the same lottery.json");
        });
    }

    [Test]
    public async Task A_malformed_or_invalid_lottery_body_is_still_400_and_endpoints_with_a_required_field_still_need_their_body()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await LoadedAsync(official);
        var before = Snapshot(host);

        var malformed = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("{\"panels\": ", Encoding.UTF8, "application/json"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await DetailAsync(malformed), Does.StartWith("The JSON body could not be read"));

        var wrongType = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(wrongType.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        var notJson = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("panels=10", Encoding.UTF8, "text/plain"));
        Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));

        Assert.That(Snapshot(host), Is.EqualTo(before));
        Assert.That(await StageAsync(official, id), Is.EqualTo("pool-loaded"));
    }

    [Test]
    public async Task An_oversized_upload_to_a_real_host_gets_413_and_changes_nothing()
    {
        using var host = await PanelHostProcess.StartAsync(new Dictionary<string, string> { ["Budgeting__MaxRequestBodyBytes"] = "4096" });
        using var official = host.Official();
        var id = await CreateAsync(official);
        var before = Snapshot(host.DatabasePath);
        var people = "id,name,gender,age,address\n" + string.Concat(Enumerable.Range(1, 400).Select(i => $"x{i},Name,female,young,A{i}\n"));

        var response = await official.PutAsync($"/api/elections/{id}/pool", Pool(people));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(Snapshot(host.DatabasePath), Is.EqualTo(before));
        Assert.That(await StageAsync(official, id), Is.EqualTo("draft"));

        var json = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("{\"algorithm\": \"" + new string('x', 5000) + "\"}", Encoding.UTF8, "application/json"));
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        var malformed = await official.PostAsync($"/api/elections/{id}/lottery", new StringContent("{\"panels\": ", Encoding.UTF8, "application/json"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(malformed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(Snapshot(host.DatabasePath), Is.EqualTo(before));
    }

    [Test]
    public async Task On_a_real_host_the_token_CSV_links_to_the_configured_public_address()
    {
        using var host = await PanelHostProcess.StartAsync(new Dictionary<string, string> { ["Budgeting__PublicBaseUrl"] = "https://vote.riverton.example/" });
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);

        var rows = await IssueAsync(official, id);

        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EquivalentTo(panel));
        Assert.That(rows.Skip(1).Select(r => r[3]), Is.EqualTo(rows.Skip(1).Select(r => "https://vote.riverton.example/vote/#t=" + r[2])));
    }
}
