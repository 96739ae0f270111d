using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Budgeting.Randomness;
using Microsoft.Data.Sqlite;
using static Budgeting.Api.Tests.Features.Panel.PanelScenario;

namespace Budgeting.Api.Tests.Features.Panel;

public sealed class PanelEndpointsTests
{
    [Test]
    public async Task Uploading_the_pool_moves_a_draft_to_pool_loaded_and_keeps_the_files_byte_for_byte()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await CreateAsync(official);

        var response = await official.PutAsync($"/api/elections/{id}/pool", Pool());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var pool = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(pool.GetProperty("people").GetInt32(), Is.EqualTo(8));
        Assert.That(pool.GetProperty("panelSize").GetInt32(), Is.EqualTo(3));
        Assert.That(pool.GetProperty("peopleSha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(People)))));
        Assert.That(pool.GetProperty("features").GetProperty("gender")[0].GetString(), Is.EqualTo("female 1..2"));
        Assert.That(await StageAsync(official, id), Is.EqualTo("pool-loaded"));

        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT people_csv FROM pools WHERE election_id = " + id;
        Assert.That(Encoding.UTF8.GetString((byte[])command.ExecuteScalar()!), Is.EqualTo(People));
    }

    [Test]
    public async Task A_bad_people_file_gets_400_listing_every_problem_as_the_CLI_prints_it_and_nothing_is_stored()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await CreateAsync(official);
        var before = Snapshot(host);
        var people = People.Replace("p8,Hal,male", "p8,Hal,robot", StringComparison.Ordinal).Replace("p4,Dan", "p2,Dan", StringComparison.Ordinal);

        var response = await official.PutAsync($"/api/elections/{id}/pool", Pool(people, peopleName: "volunteers.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo(
            "volunteers.csv:5: column 'id': the id 'p2' is also on line 3; ids must be unique.\n" +
            "volunteers.csv:9: column 'gender': 'robot' is not a value of feature 'gender' in the categories file (its values: female, male)."));
        var second = problem.GetProperty("problems")[1];
        Assert.That(second.GetProperty("file").GetString(), Is.EqualTo("volunteers.csv"));
        Assert.That(second.GetProperty("line").GetInt32(), Is.EqualTo(9));
        Assert.That(second.GetProperty("field").GetString(), Is.EqualTo("gender"));
        Assert.That(Snapshot(host), Is.EqualTo(before), "nothing is written");
    }

    [Test]
    public async Task A_pool_smaller_than_the_panel_or_a_missing_file_is_refused()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await CreateAsync(official);
        var before = Snapshot(host);

        var tiny = await official.PutAsync($"/api/elections/{id}/pool", Pool("id,name,gender,age,address\np1,Ann,female,young,A\n"));
        Assert.That(tiny.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(tiny), Is.EqualTo("people.csv:0: column 'panel size': the pool has 1 people, fewer than the panel size 3."));

        using var onlyPeople = new MultipartFormDataContent { { new StringContent(People), "people", "people.csv" } };
        var missing = await official.PutAsync($"/api/elections/{id}/pool", onlyPeople);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").GetProperty("Categories")[0].GetString(),
            Is.EqualTo("The form needs a file field 'categories' (the categories CSV)."));
        Assert.That(Snapshot(host), Is.EqualTo(before));
    }

    [Test]
    public async Task The_committed_hash_is_the_SHA256_of_the_lottery_json_and_the_seed_picks_the_slot_of_its_stream()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, sha256) = await CommittedAsync(official);
        Assert.That(await StageAsync(official, id), Is.EqualTo("lottery-committed"));

        var json = await official.GetByteArrayAsync($"/api/elections/{id}/lotteries/0/lottery.json");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(json)), Is.EqualTo(sha256));
        using var lottery = JsonDocument.Parse(json);
        var slots = lottery.RootElement.GetProperty("panels");
        Assert.That(slots.GetArrayLength(), Is.EqualTo(100));
        Assert.That(lottery.RootElement.GetProperty("algorithm").GetString(), Is.EqualTo("leximin"));
        foreach (var slot in slots.EnumerateArray())
        {
            AssertValidPanel(slot.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray());
        }

        var reveal = await official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = Seed });
        Assert.That(reveal.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await reveal.Content.ReadFromJsonAsync<JsonElement>();
        var index = (int)new SeededStream(Seed).NextBelow(100);
        Assert.That(body.GetProperty("chosenIndex").GetInt32(), Is.EqualTo(index));
        var expected = slots[index].GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.That(body.GetProperty("chosen").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(expected));
        Assert.That(await StageAsync(official, id), Is.EqualTo("panel-drawn"));

        var report = await official.GetStringAsync($"/api/elections/{id}/lotteries/0/report.md");
        Assert.That(report, Does.Contain(sha256));
        Assert.That(report, Does.Contain(Seed));

        var panel = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/panel");
        Assert.That(panel.EnumerateArray().Select(p => p.GetProperty("personId").GetString()), Is.EquivalentTo(expected));
        Assert.That(panel.EnumerateArray().Select(p => p.GetProperty("status").GetString()), Is.All.EqualTo("active"));
        Assert.That(panel.EnumerateArray().Select(p => p.GetProperty("pseudonym").GetString()).Distinct().Count(), Is.EqualTo(3));
    }

    [Test]
    public async Task Infeasible_quotas_get_400_with_the_explanation_and_the_election_stays_pool_loaded()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await CreateAsync(official);
        // Three young people and at most one man: two young women are needed, but the only ones, p1 and p5, share a household.
        var categories = "feature,value,min,max\ngender,female,2,3\ngender,male,0,1\nage,young,3,3\nage,old,0,3\n";
        Assert.That((await official.PutAsync($"/api/elections/{id}/pool", Pool(categories: categories))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var before = Snapshot(host);

        var response = await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(response), Does.StartWith("the quotas are infeasible: "));
        Assert.That(Snapshot(host), Is.EqualTo(before));
    }

    [Test]
    public async Task Tokens_are_issued_once_as_CSV_with_only_their_hashes_stored_and_they_authenticate_the_panelists()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);

        var rows = await IssueAsync(official, id);

        Assert.That(rows[0], Is.EqualTo(new[] { "person_id", "pseudonym", "token", "ballot_url", "name", "gender", "age", "address" }));
        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EquivalentTo(panel));
        var tokens = rows.Skip(1).Select(r => r[2]).ToArray();
        Assert.That(tokens.Distinct().Count(), Is.EqualTo(3));
        Assert.That(rows.Skip(1).Select(r => r[3]), Is.EqualTo(tokens.Select(t => "http://localhost/vote/#t=" + t)));
        var p = rows.Skip(1).First(r => r[0] == panel[0]);
        Assert.That(p[5], Is.EqualTo(Attributes[panel[0]].Gender));

        // Only the SHA-256 of each token is in the database file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var stored = await File.ReadAllBytesAsync(host.DatabasePath) is var db ? Encoding.ASCII.GetString(db) : "";
        stored += File.Exists(host.DatabasePath + "-wal") ? Encoding.ASCII.GetString(await File.ReadAllBytesAsync(host.DatabasePath + "-wal")) : "";
        foreach (var token in tokens)
        {
            Assert.That(stored, Does.Not.Contain(token));
            Assert.That(stored, Does.Contain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))));
        }

        // A token is a panelist: authenticated (403 on an official's endpoint), where an unknown token is 401.
        using var panelist = host.WithBearer(tokens[0]);
        Assert.That((await panelist.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var stranger = host.WithBearer("not-a-token");
        Assert.That((await stranger.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // A second export (a double-click) issues nothing and says so.
        var before = Snapshot(host);
        var again = await official.PostAsync($"/api/elections/{id}/tokens", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await DetailAsync(again), Is.EqualTo(
            $"Every active panelist already has a voting token, and tokens are shown only once. To replace a lost token, re-issue it: POST /api/elections/{id}/tokens/reissue."));
        Assert.That(Snapshot(host), Is.EqualTo(before));
        Assert.That((await panelist.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the first tokens still work");
    }

    [Test]
    public async Task Volunteers_fields_that_look_like_spreadsheet_formulas_reach_the_token_CSV_as_text()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await CreateAsync(official);
        // Every name starts like a formula, so whoever the lottery picks, their row shows the escaping.
        var people = People.Replace(",Ann,", ",=HYPERLINK(\"http://x\"),", StringComparison.Ordinal)
            .Replace(",Bob,", ",+1+2,", StringComparison.Ordinal).Replace(",Cat,", ",-3,", StringComparison.Ordinal)
            .Replace(",Dan,", ",@SUM(A1),", StringComparison.Ordinal).Replace(",Eve,", ",=1,", StringComparison.Ordinal)
            .Replace(",Fay,", ",=2,", StringComparison.Ordinal).Replace(",Gus,", ",=3,", StringComparison.Ordinal)
            .Replace(",Hal,", ",=4,", StringComparison.Ordinal);
        Assert.That((await official.PutAsync($"/api/elections/{id}/pool", Pool(people))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 100 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/lottery/reveal", new { seed = Seed })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var response = await official.PostAsync($"/api/elections/{id}/tokens", null);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0], Is.EqualTo("person_id,pseudonym,token,ballot_url,name,gender,age,address"));
        var names = lines.Skip(1).Select(l => l.Split(',')[4]).ToArray();
        Assert.That(names, Has.Length.EqualTo(3));
        Assert.That(names, Has.All.StartWith("'").Or.StartWith("\"'"), "each formula-like name is prefixed with an apostrophe");
        var expected = new Dictionary<string, string>
        {
            ["p1"] = "\"'=HYPERLINK(\"\"http://x\"\")\"", ["p2"] = "'+1+2", ["p3"] = "'-3", ["p4"] = "'@SUM(A1)",
            ["p5"] = "'=1", ["p6"] = "'=2", ["p7"] = "'=3", ["p8"] = "'=4",
        };
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.That(line, Does.Contain("," + expected[fields[0]] + ","), line);
            Assert.That(fields[3], Is.EqualTo("http://localhost/vote/#t=" + fields[2]).Or.EndWith("/vote/#t=" + fields[2]), "the service's own cells are untouched");
        }
    }

    [Test]
    public async Task Reissuing_a_token_invalidates_the_old_one()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);
        var old = (await IssueAsync(official, id)).Skip(1).First(r => r[0] == panel[1])[2];

        var response = await official.PostAsJsonAsync($"/api/elections/{id}/tokens/reissue", new { personIds = new[] { panel[1] } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToArray();
        Assert.That(rows, Has.Length.EqualTo(2));
        Assert.That(rows[1][0], Is.EqualTo(panel[1]));
        var fresh = rows[1][2];
        Assert.That(fresh, Is.Not.EqualTo(old));
        using var oldClient = host.WithBearer(old);
        using var freshClient = host.WithBearer(fresh);
        Assert.That((await oldClient.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await freshClient.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var unknown = await official.PostAsJsonAsync($"/api/elections/{id}/tokens/reissue", new { personIds = new[] { "p99" } });
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(unknown), Is.EqualTo($"'Person Ids': p99 is not an active panelist of election {id}."));
    }

    [Test]
    public async Task A_replacement_round_revokes_the_dropouts_tokens_and_restores_a_valid_panel()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);
        var tokens = (await IssueAsync(official, id)).Skip(1).ToDictionary(r => r[0], r => r[2]);
        var dropout = panel[0];

        var commit = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { dropout }, panels = 50 });

        Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.Created), await commit.Content.ReadAsStringAsync());
        var round = await commit.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(round.GetProperty("round").GetInt32(), Is.EqualTo(1));
        var json = await official.GetByteArrayAsync($"/api/elections/{id}/lotteries/1/lottery.json");
        Assert.That(Convert.ToHexStringLower(SHA256.HashData(json)), Is.EqualTo(round.GetProperty("sha256").GetString()));
        using (var dropped = host.WithBearer(tokens[dropout]))
        {
            Assert.That((await dropped.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a dropout's token stops working");
        }

        using (var kept = host.WithBearer(tokens[panel[1]]))
        {
            Assert.That((await kept.GetAsync($"/api/elections/{id}/panel")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        var reveal = await official.PostAsJsonAsync($"/api/elections/{id}/replacements/1/reveal", new { seed = ReplaceSeed });
        Assert.That(reveal.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reveal.Content.ReadAsStringAsync());
        var chosen = (await reveal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("chosen").EnumerateArray().Select(e => e.GetString()!).ToArray();
        using var lottery = JsonDocument.Parse(json);
        var index = (int)new SeededStream(ReplaceSeed).NextBelow(50);
        Assert.That(chosen, Is.EqualTo(lottery.RootElement.GetProperty("panels")[index].GetProperty("members").EnumerateArray().Select(m => m.GetString())));

        var members = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/panel");
        var active = members.EnumerateArray().Where(m => m.GetProperty("status").GetString() == "active").Select(m => m.GetProperty("personId").GetString()!).ToArray();
        Assert.That(active, Is.EquivalentTo(panel.Skip(1).Concat(chosen)));
        AssertValidPanel(active);
        Assert.That(members.EnumerateArray().Single(m => m.GetProperty("personId").GetString() == dropout).GetProperty("status").GetString(), Is.EqualTo("dropped"));

        // The replacement gets a token; the others are not issued again.
        var rows = await IssueAsync(official, id);
        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(chosen));

        // A second round never draws the earlier dropout back.
        var second = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { chosen[0] }, panels = 50 });
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), await second.Content.ReadAsStringAsync());
        var secondJson = await official.GetByteArrayAsync($"/api/elections/{id}/lotteries/2/lottery.json");
        using var secondLottery = JsonDocument.Parse(secondJson);
        var drawable = secondLottery.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(s => s.GetProperty("members").EnumerateArray().Select(m => m.GetString())).ToHashSet();
        Assert.That(drawable, Does.Not.Contain(dropout));
        Assert.That(drawable, Does.Not.Contain(chosen[0]));
    }

    [Test]
    public async Task Replacement_requests_that_name_someone_off_the_panel_or_wait_on_an_unrevealed_round_change_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);
        var outsider = Attributes.Keys.First(k => !panel.Contains(k));
        var before = Snapshot(host);

        var off = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { outsider } });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(off), Is.EqualTo($"{outsider} is not on the panel"));
        var unknown = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { "p99" } });
        Assert.That(await DetailAsync(unknown), Is.EqualTo("unknown id p99: nobody in people.csv has it"));
        var twice = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { panel[0], panel[0] } });
        Assert.That(await DetailAsync(twice), Is.EqualTo($"{panel[0]} is named twice in 'dropouts'"));
        Assert.That(Snapshot(host), Is.EqualTo(before));

        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { panel[0] }, panels = 20 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var pending = Snapshot(host);
        var next = await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { panel[1] }, panels = 20 });
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await DetailAsync(next), Is.EqualTo(
            $"Replacement round 1 is committed but its seed is not revealed yet; reveal it (POST /api/elections/{id}/replacements/1/reveal) before replacing more dropouts."));
        Assert.That(Snapshot(host), Is.EqualTo(pending));
    }

    [Test]
    public async Task Voting_cannot_close_while_a_replacement_round_waits_for_its_seed_and_can_once_it_is_revealed()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, panel) = await DrawnAsync(official);
        Assert.That((await official.PostAsync($"/api/elections/{id}/open", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/replacements", new { dropouts = new[] { panel[0] }, panels = 20 })).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var pending = Snapshot(host);

        var close = await official.PostAsync($"/api/elections/{id}/close", null);

        Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await DetailAsync(close), Is.EqualTo(
            $"Replacement round 1 is committed but its seed is not revealed; reveal it (POST /api/elections/{id}/replacements/1/reveal) before closing voting."));
        Assert.That(Snapshot(host), Is.EqualTo(pending), "the refused close wrote nothing");
        Assert.That(await StageAsync(official, id), Is.EqualTo("voting-open"));

        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/replacements/1/reveal", new { seed = ReplaceSeed })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await official.PostAsync($"/api/elections/{id}/close", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StageAsync(official, id), Is.EqualTo("voting-closed"));
    }

    [Test]
    public async Task The_audit_trail_records_each_step_in_order()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await DrawnAsync(official);
        await IssueAsync(official, id);

        var events = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}/events");
        var what = events.EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToArray();

        Assert.That(what[0], Is.EqualTo("created the election"));
        Assert.That(what[1], Does.StartWith("uploaded the pool: 8 people (people.csv, SHA-256 "));
        Assert.That(what[2], Is.EqualTo("moved the election to pool-loaded"));
        Assert.That(what[4], Is.EqualTo("moved the election to lottery-committed"));
        Assert.That(what[3], Does.StartWith("committed the panel lottery (leximin, 100 slots of 3 from 8 people): lottery.json SHA-256 "));
        Assert.That(what[5], Does.StartWith($"revealed the seed '{Seed}' of lottery round 0"));
        Assert.That(what[6], Is.EqualTo("moved the election to panel-drawn"));
        Assert.That(what[7], Does.StartWith("issued voting tokens to 3 panelists: "));
        Assert.That(events.EnumerateArray().Select(e => e.GetProperty("actor").GetString()), Is.All.EqualTo("official"));
    }

    [Test]
    public async Task The_panel_size_cannot_change_once_the_lottery_is_committed_and_a_change_before_is_checked_against_the_quotas()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var id = await LoadedAsync(official);
        var definition = JsonSerializer.SerializeToElement(Definition());
        var five = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(definition.GetRawText())!;
        five["panelSize"] = JsonSerializer.SerializeToElement(5);

        // Pool-loaded: the definition may change, and the lottery checks the quotas (at most 2 of each value) against 5.
        Assert.That((await official.PutAsJsonAsync($"/api/elections/{id}/definition", five)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var refused = await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 10 });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await DetailAsync(refused), Does.StartWith("categories.csv:"));
        Assert.That(await StageAsync(official, id), Is.EqualTo("pool-loaded"));

        Assert.That((await official.PutAsJsonAsync($"/api/elections/{id}/definition", Definition())).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await official.PostAsJsonAsync($"/api/elections/{id}/lottery", new { panels = 10 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var before = Snapshot(host);
        var late = await official.PutAsJsonAsync($"/api/elections/{id}/definition", five);
        Assert.That(late.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await DetailAsync(late), Is.EqualTo("The election is lottery-committed: the panel size (3) was fixed when the lottery was committed."));
        Assert.That(Snapshot(host), Is.EqualTo(before));
    }
}
