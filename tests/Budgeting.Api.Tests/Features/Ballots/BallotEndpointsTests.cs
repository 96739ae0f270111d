using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Budgeting.Api.Tests.Features.Ballots;

public sealed class BallotEndpointsTests
{
    private static long Ballots(TestHost host) => TestPanel.Scalar(host.DatabasePath, "SELECT COUNT(*) FROM ballots");

    [Test]
    public async Task Get_ShowsTheElectionAndNoBallotYet()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var panelist = host.WithBearer(tokens[0]);

        var page = await panelist.GetFromJsonAsync<JsonElement>("/api/ballot");

        Assert.That(page.GetProperty("electionId").GetInt64(), Is.EqualTo(id));
        Assert.That(page.GetProperty("budget").GetInt64(), Is.EqualTo(1000));
        Assert.That(page.GetProperty("ballotKind").GetString(), Is.EqualTo("approval"));
        Assert.That(page.GetProperty("limits").GetProperty("maxSumCost").GetInt64(), Is.EqualTo(1000));
        Assert.That(page.GetProperty("projects")[1].GetProperty("description").GetString(), Is.EqualTo("Open on Sundays."));
        Assert.That(page.GetProperty("votingOpen").GetBoolean(), Is.True);
        Assert.That(page.GetProperty("ballot").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Put_StoresOneBallot_AndAChangeRaisesTheRevision()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var panelist = host.WithBearer(tokens[0]);

        var first = await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1", "p3" } });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var receipt = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(receipt.GetProperty("revision").GetInt32(), Is.EqualTo(1));
        Assert.That(receipt.GetProperty("electionId").GetInt64(), Is.EqualTo(id));
        Assert.That(receipt.GetProperty("receipt").GetString(), Does.Match("^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$"));

        var second = await (await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p2" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.GetProperty("revision").GetInt32(), Is.EqualTo(2));

        var page = await panelist.GetFromJsonAsync<JsonElement>("/api/ballot");
        var ballot = page.GetProperty("ballot");
        Assert.That(ballot.GetProperty("ballot").GetProperty("projects")[0].GetString(), Is.EqualTo("p2"));
        Assert.That(ballot.GetProperty("revision").GetInt32(), Is.EqualTo(2));
        Assert.That(ballot.GetProperty("source").GetString(), Is.EqualTo("online"));
        Assert.That(ballot.GetProperty("receipt").GetString(), Is.EqualTo(second.GetProperty("receipt").GetString()));
        Assert.That(ballot.GetProperty("receipt").GetString(), Is.Not.EqualTo(receipt.GetProperty("receipt").GetString()));
        Assert.That(Ballots(host), Is.EqualTo(1));
    }

    [Test]
    public async Task Put_OverTheBudget_Gets400NamingTheField_AndStoresNothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (_, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var panelist = host.WithBearer(tokens[0]);

        var response = await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1", "p2", "p9" } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("projects[2]")[0].GetString(), Is.EqualTo("There is no project 'p9' on this ballot."));
        Assert.That(errors.GetProperty("projects")[0].GetString(), Is.EqualTo("The projects chosen cost 1100 in all, more than the 1000 a ballot may spend."));
        Assert.That(Ballots(host), Is.Zero);
    }

    [Test]
    public async Task Put_MalformedOrShapeless_Gets400_AndStoresNothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (_, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var panelist = host.WithBearer(tokens[0]);

        var malformed = await panelist.PutAsync("/api/ballot", new StringContent("{\"projects\": [", Encoding.UTF8, "application/json"));
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var neither = await panelist.PutAsJsonAsync("/api/ballot", new { });
        Assert.That(neither.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await neither.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ballot")[0].GetString(),
            Is.EqualTo("A ballot gives either 'projects' (a project vote) or 'amounts' (an allocation vote)."));
        Assert.That(Ballots(host), Is.Zero);
    }

    [Test]
    public async Task Put_BeforeVotingOpensOrAfterItCloses_Gets409_AndStoresNothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack(), open: false);
        using var panelist = host.WithBearer(tokens[0]);

        var early = await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1" } });
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("Voting is not open: the election is panel-drawn."));
        Assert.That((await panelist.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("votingOpen").GetBoolean(), Is.False);

        (await official.PostAsync($"/api/elections/{id}/open", null)).EnsureSuccessStatusCode();
        (await official.PostAsync($"/api/elections/{id}/close", null)).EnsureSuccessStatusCode();
        var late = await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1" } });
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("Voting is not open: the election is voting-closed."));
        Assert.That(Ballots(host), Is.Zero);
    }

    [Test]
    public async Task BallotEndpoints_RefuseTheWrongRoles_AndChangeNothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var anonymous = host.Anonymous();
        using var wrong = host.WithBearer("not-a-token");
        using var panelist = host.WithBearer(tokens[0]);
        var ballot = new { projects = new[] { "p1" } };
        var csv = new StringContent("person_id,projects\na1,p1\n", Encoding.UTF8, "text/csv");

        Assert.That((await anonymous.GetAsync("/api/ballot")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.PutAsJsonAsync("/api/ballot", ballot)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await wrong.PutAsJsonAsync("/api/ballot", ballot)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await official.PutAsJsonAsync("/api/ballot", ballot)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await anonymous.GetAsync($"/api/elections/{id}/ballots/count")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await panelist.GetAsync($"/api/elections/{id}/ballots/count")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await anonymous.PostAsync($"/api/elections/{id}/ballots/paper", csv)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await wrong.PostAsync($"/api/elections/{id}/ballots/paper", csv)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await panelist.PostAsync($"/api/elections/{id}/ballots/paper", csv)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await official.GetAsync("/api/elections/999/ballots/count")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Ballots(host), Is.Zero);
    }

    [Test]
    public async Task A_dropped_panelists_token_stops_working()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, people) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            connection.Open();
            TestPanel.Execute(connection, "UPDATE panelists SET status = 'dropped' WHERE election_id = $e AND person_id = $p", ("$e", id), ("$p", people[0]));
        }

        using var panelist = host.WithBearer(tokens[0]);
        Assert.That((await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1" } })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Ballots(host), Is.Zero);
    }

    [Test]
    public async Task Concurrent_submissions_with_one_token_leave_one_ballot()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (_, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        using var panelist = host.WithBearer(tokens[0]);
        string[][] choices = [["p1"], ["p2"], ["p3"], ["p1", "p3"]];

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => panelist.PutAsJsonAsync("/api/ballot", new { projects = choices[i % 4] })));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var revisions = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32()));
        Assert.That(revisions.Order(), Is.EqualTo(Enumerable.Range(1, 40)), "each submission got its own revision");
        Assert.That(Ballots(host), Is.EqualTo(1));
        Assert.That(TestPanel.Scalar(host.DatabasePath, "SELECT revision FROM ballots"), Is.EqualTo(40));
    }

    [Test]
    public async Task Allocation_ballots_must_add_up_to_the_budget_within_floors_and_ceilings()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (_, tokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Allocation());
        using var panelist = host.WithBearer(tokens[0]);

        var page = await panelist.GetFromJsonAsync<JsonElement>("/api/ballot");
        Assert.That(page.GetProperty("areas").GetArrayLength(), Is.EqualTo(3));
        Assert.That(page.GetProperty("areas")[1].GetProperty("floor").GetInt64(), Is.EqualTo(100));

        var bad = await panelist.PutAsJsonAsync("/api/ballot", new { amounts = new Dictionary<string, long> { ["parks"] = 200, ["schools"] = 50, ["roads"] = 700 } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.GetProperty("amounts.schools")[0].GetString(), Is.EqualTo("Amount 50 is below the area's floor 100."));
        Assert.That(errors.GetProperty("amounts.roads")[0].GetString(), Is.EqualTo("Amount 700 is above the area's ceiling 600."));
        Assert.That(errors.GetProperty("amounts")[0].GetString(), Is.EqualTo("The amounts add up to 950, not the budget 1000."));

        var missing = await panelist.PutAsJsonAsync("/api/ballot", new { amounts = new Dictionary<string, long> { ["parks"] = 1000, ["sea"] = 0 } });
        var missingErrors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(missingErrors.GetProperty("amounts.sea")[0].GetString(), Is.EqualTo("There is no area 'sea'."));
        Assert.That(missingErrors.GetProperty("amounts.schools")[0].GetString(), Is.EqualTo("There is no amount for area 'schools'."));
        Assert.That(Ballots(host), Is.Zero);

        var good = await panelist.PutAsJsonAsync("/api/ballot", new { amounts = new Dictionary<string, long> { ["parks"] = 300, ["schools"] = 400, ["roads"] = 300 } });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = (await panelist.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("ballot").GetProperty("ballot").GetProperty("amounts");
        Assert.That(stored.GetProperty("schools").GetInt64(), Is.EqualTo(400));
    }

    [Test]
    public async Task Paper_ballots_are_imported_all_or_nothing_and_counted()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, people) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack());
        var (b, c) = (people[1], people[2]);
        using var panelist = host.WithBearer(tokens[0]);
        (await panelist.PutAsJsonAsync("/api/ballot", new { projects = new[] { "p1" } })).EnsureSuccessStatusCode();

        var invalid = await official.PostAsync($"/api/elections/{id}/ballots/paper",
            new StringContent($"person_id,projects\n{b},p1;p3\n{c},p1;p2\nzz,p3\n", Encoding.UTF8, "text/csv"));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(),
            Is.EqualTo("paper-ballots.csv:3: column 'projects': The projects chosen cost 1100 in all, more than the 1000 a ballot may spend."));
        Assert.That(TestPanel.Scalar(host.DatabasePath, "SELECT COUNT(*) FROM ballots WHERE source = 'paper'"), Is.Zero);

        var unknown = await official.PostAsync($"/api/elections/{id}/ballots/paper",
            new StringContent($"person_id,projects\n{b},p1;p3\nzz,p3\n", Encoding.UTF8, "text/csv"));
        Assert.That((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("paper-ballots.csv:3: column 'person_id': 'zz' is not an active panelist of this election."));
        Assert.That(TestPanel.Scalar(host.DatabasePath, "SELECT COUNT(*) FROM ballots WHERE source = 'paper'"), Is.Zero);

        using var form = new MultipartFormDataContent();
        form.Add(new StringContent($"person_id,projects\n{b},p1;p3\n{c},\"p2,p3\"\n", Encoding.UTF8, "text/csv"), "file", "ward7.csv");
        var imported = await official.PostAsync($"/api/elections/{id}/ballots/paper", form);
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var result = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(result.GetProperty("imported").GetInt32(), Is.EqualTo(2));
        Assert.That(result.GetProperty("file").GetString(), Is.EqualTo("ward7.csv"));

        var count = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/ballots/count");
        Assert.That(count.GetProperty("panelists").GetInt64(), Is.EqualTo(3));
        Assert.That(count.GetProperty("voted").GetInt64(), Is.EqualTo(3));
        Assert.That(count.GetProperty("online").GetInt64(), Is.EqualTo(1));
        Assert.That(count.GetProperty("paper").GetInt64(), Is.EqualTo(2));
        Assert.That(count.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "electionId", "panelists", "voted", "online", "paper" }),
            "the count says how many voted, never what");
    }

    [Test]
    public async Task Paper_allocation_ballots_are_imported_and_checked_like_online_ones()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, people) = await TestPanel.DrawnAsync(official, TestPanel.Allocation());

        var invalid = await official.PostAsync($"/api/elections/{id}/ballots/paper",
            new StringContent($"person_id,parks,schools,roads\n{people[0]},300,400,300\n{people[1]},500,0,500\n", Encoding.UTF8, "text/csv"));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("paper-ballots.csv:3: column 'schools': Amount 0 is below the area's floor 100."));
        Assert.That(Ballots(host), Is.Zero);

        var imported = await official.PostAsync($"/api/elections/{id}/ballots/paper",
            new StringContent($"person_id,parks,schools,roads\n{people[0]},300,400,300\n", Encoding.UTF8, "text/csv"));
        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var panelist = host.WithBearer(tokens[0]);
        var stored = (await panelist.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("ballot");
        Assert.That(stored.GetProperty("source").GetString(), Is.EqualTo("paper"));
        Assert.That(stored.GetProperty("ballot").GetProperty("amounts").GetProperty("schools").GetInt64(), Is.EqualTo(400));
    }

    [Test]
    public async Task Paper_ballots_are_refused_before_voting_opens()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _, _) = await TestPanel.DrawnAsync(official, TestPanel.Knapsack(), open: false);

        var response = await official.PostAsync($"/api/elections/{id}/ballots/paper", new StringContent("person_id,projects\na1,p1\n", Encoding.UTF8, "text/csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("The election is panel-drawn; paper ballots are entered while voting is open or after it closes, before publication."));
        Assert.That(Ballots(host), Is.Zero);
    }
}
