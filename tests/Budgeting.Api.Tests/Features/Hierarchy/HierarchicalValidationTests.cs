using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Budgeting.Api.Tests.Features.Ballots;
using static Budgeting.Api.Tests.Features.Hierarchy.HierarchicalElection;
using static Budgeting.Api.Tests.Features.Results.SmallElection;

namespace Budgeting.Api.Tests.Features.Hierarchy;

/// <summary>
/// A hierarchical budget's definition and ballots through the API: what is stored and shown to panelists, and every
/// refusal (400 ProblemDetails naming the field, exact message, nothing written).
/// </summary>
public sealed class HierarchicalValidationTests
{
    [Test]
    public async Task The_definition_is_stored_and_the_ballot_page_gets_each_areas_projects()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens) = await StartAsync(host, official, vote: false);

        var stored = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}");
        var areas = stored.GetProperty("definition").GetProperty("areas");
        Assert.That(stored.GetProperty("definition").GetProperty("projectRule").GetProperty("name").GetString(), Is.EqualTo("greedy"));
        Assert.That(areas[1].GetProperty("rule").GetProperty("name").GetString(), Is.EqualTo("equal-shares"));

        using var panelist = host.WithBearer(tokens[0]);
        var page = await panelist.GetFromJsonAsync<JsonElement>("/api/ballot");
        Assert.That(page.GetProperty("ballotKind").GetString(), Is.EqualTo("allocation"));
        Assert.That(page.GetProperty("areas").EnumerateArray().Select(a => a.TryGetProperty("projects", out var ps) && ps.ValueKind == JsonValueKind.Array
                ? string.Join(",", ps.EnumerateArray().Select(p => $"{p.GetProperty("id").GetString()}:{p.GetProperty("cost").GetInt64()}"))
                : "-"),
            Is.EqualTo(new[] { "a:120,b:100,c:60", "r1:300,r2:200,r3:100", "-" }));

        await Ok(await panelist.PutAsJsonAsync("/api/ballot", Ballot(0)));
        var mine = (await panelist.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("ballot").GetProperty("ballot");
        Assert.That(mine.GetProperty("areaProjects").GetProperty("parks").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(mine.GetProperty("areaProjects").GetProperty("roads").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "r1" }));
        Assert.That(mine.GetProperty("amounts").GetProperty("schools").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Invalid_area_projects_and_rules_are_refused_naming_each_field_and_nothing_is_created()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var definition = HierarchicalDefinition();
        var areas = definition["areas"]!.AsArray();
        areas[0]!["projects"]![1]!["cost"] = 0;                       // parks' second project costs nothing
        areas[1]!["projects"]![2]!["id"] = "a";                       // roads' third project reuses parks' id 'a'
        areas[2]!["rule"] = new JsonObject { ["name"] = "greedy" };   // schools has a rule but no projects
        definition["projectRule"] = new JsonObject { ["name"] = "mean" };  // an allocation rule, not a project rule

        var errors = await ProblemsAsync(await official.PostAsJsonAsync("/api/elections", definition));
        Assert.Multiple(() =>
        {
            Assert.That(errors.GetProperty("Areas[0].Projects[1].Cost")[0].GetString(), Is.EqualTo("'Cost' must be greater than '0'."));
            Assert.That(errors.GetProperty("Areas[1].Projects[2].Id")[0].GetString(),
                Is.EqualTo("Project id 'a' is already used in area 'parks'; project ids must be unique across all areas."));
            Assert.That(errors.GetProperty("Areas[2].Rule")[0].GetString(), Is.EqualTo("Area 'schools' has a rule but no projects."));
            Assert.That(errors.GetProperty("ProjectRule")[0].GetString(),
                Is.EqualTo("Unknown rule 'mean'; expected one of greedy, greedy-no-skip, official, equal-shares, phragmen, max-welfare."));
        });

        // An area with projects and no rule at all, and projects listed at the top level instead of under an area.
        var noRule = HierarchicalDefinition();
        noRule.Remove("projectRule");
        noRule["projects"] = new JsonArray { Project("x", "Stray", 10) };
        var noRuleErrors = await ProblemsAsync(await official.PostAsJsonAsync("/api/elections", noRule));
        Assert.That(noRuleErrors.GetProperty("Areas[0].Rule")[0].GetString(),
            Is.EqualTo("Area 'parks' has projects but no rule: give the area a 'rule', or the election a 'projectRule' for every area."));
        Assert.That(noRuleErrors.GetProperty("Projects")[0].GetString(),
            Is.EqualTo("A hierarchical budget lists each area's projects under the area ('areas[].projects'), not in 'projects'."));

        // A project rule on an allocation vote whose areas have no projects.
        var plain = HierarchicalDefinition();
        foreach (var area in plain["areas"]!.AsArray())
        {
            area!.AsObject().Remove("projects");
            area.AsObject().Remove("rule");
        }

        var plainErrors = await ProblemsAsync(await official.PostAsJsonAsync("/api/elections", plain));
        Assert.That(plainErrors.GetProperty("ProjectRule")[0].GetString(),
            Is.EqualTo("'Project Rule' is the rule of the project votes inside a hierarchical budget's areas, but no area has projects."));

        // A cost that is not a whole number is not even read: the body is refused naming the field's JSON path.
        var fraction = HierarchicalDefinition();
        fraction["areas"]![0]!["projects"]![2]!["cost"] = 1.5;
        var unread = await official.PostAsJsonAsync("/api/elections", fraction);
        Assert.That(unread.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await unread.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(),
            Is.EqualTo("The JSON body could not be read at '$.areas[0].projects[2].cost': the value is not of the expected type (costs, budgets and amounts are whole numbers in the currency's smallest unit)."));
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("$.areas[0].projects[2].cost"));

        Assert.That(TestPanel.Scalar(host.DatabasePath, "SELECT COUNT(*) FROM elections"), Is.Zero);
    }

    [Test]
    public async Task A_ballot_naming_projects_outside_their_area_is_refused_naming_each_field_and_not_stored()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens) = await StartAsync(host, official, vote: false);
        using var panelist = host.WithBearer(tokens[0]);
        var amounts = new Dictionary<string, long> { ["parks"] = 600, ["roads"] = 400, ["schools"] = 0 };

        var errors = await ProblemsAsync(await panelist.PutAsJsonAsync("/api/ballot", new
        {
            amounts,
            areaProjects = new Dictionary<string, string[]>
            {
                ["parks"] = ["r1", "a", "a"],   // r1 is a road; a is named twice
                ["roads"] = ["r2", "zz"],       // zz is no project at all
                ["sea"] = ["a"],                // no such area
            },
        }));
        Assert.Multiple(() =>
        {
            Assert.That(errors.GetProperty("areaProjects.parks[0]")[0].GetString(), Is.EqualTo("Project 'r1' belongs to area 'roads', not 'parks'."));
            Assert.That(errors.GetProperty("areaProjects.roads[1]")[0].GetString(), Is.EqualTo("There is no project 'zz' in area 'roads'."));
            Assert.That(errors.GetProperty("areaProjects.sea")[0].GetString(), Is.EqualTo("There is no area 'sea'."));
        });

        var twice = await ProblemsAsync(await panelist.PutAsJsonAsync("/api/ballot", new
        {
            amounts,
            areaProjects = new Dictionary<string, string[]> { ["parks"] = ["a", "a"] },
        }));
        Assert.That(twice.GetProperty("areaProjects.parks[1]")[0].GetString(), Is.EqualTo("Project 'a' is named twice."));

        var alone = await ProblemsAsync(await panelist.PutAsJsonAsync("/api/ballot", new
        {
            areaProjects = new Dictionary<string, string[]> { ["parks"] = ["a"] },
        }));
        Assert.That(alone.GetProperty("areaProjects")[0].GetString(),
            Is.EqualTo("'areaProjects' goes with 'amounts': it is the project part of a hierarchical budget's ballot."));

        Assert.That(TestPanel.Scalar(host.DatabasePath, $"SELECT COUNT(*) FROM ballots WHERE election_id = {id}"), Is.Zero);

        // Only amounts is a valid ballot too: it approves no project in any area.
        await Ok(await panelist.PutAsJsonAsync("/api/ballot", new { amounts }));
        Assert.That(TestPanel.Scalar(host.DatabasePath, $"SELECT COUNT(*) FROM ballots WHERE election_id = {id}"), Is.EqualTo(1));
    }

    [Test]
    public async Task Area_projects_on_a_plain_allocation_vote_are_refused()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (plainId, plainTokens, _) = await TestPanel.DrawnAsync(official, TestPanel.Allocation());
        using var panelist = host.WithBearer(plainTokens[0]);
        var errors = await ProblemsAsync(await panelist.PutAsJsonAsync("/api/ballot", new
        {
            amounts = new Dictionary<string, long> { ["parks"] = 300, ["schools"] = 400, ["roads"] = 300 },
            areaProjects = new Dictionary<string, string[]> { ["parks"] = ["a"] },
        }));
        Assert.That(errors.GetProperty("areaProjects")[0].GetString(), Is.EqualTo("This allocation vote has no projects in its areas: give 'amounts' only."));
        Assert.That(TestPanel.Scalar(host.DatabasePath, $"SELECT COUNT(*) FROM ballots WHERE election_id = {plainId}"), Is.Zero);
    }

    [Test]
    public async Task Paper_ballots_give_the_amounts_and_a_projects_column_checked_all_or_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, tokens, people) = await TestPanel.DrawnAsync(official, HierarchicalDefinition());

        var noColumn = await PaperAsync(official, id, $"person_id,parks,roads,schools\n{people[0]},600,400,0\n");
        Assert.That(noColumn, Is.EqualTo(new[] { "paper-ballots.csv:1: column 'projects': The header has no column 'projects'." }));

        var bad = await PaperAsync(official, id,
            $"person_id,parks,roads,schools,projects\n{people[0]},600,400,0,a;r1;r2\n{people[1]},200,200,600,a;zz\n{people[2]},100,500,400,b;b\n");
        Assert.That(bad, Is.EqualTo(new[]
        {
            "paper-ballots.csv:3: column 'projects': There is no project 'zz' on this ballot.",
            "paper-ballots.csv:4: column 'projects': Project 'b' is named twice.",
        }));
        Assert.That(TestPanel.Scalar(host.DatabasePath, $"SELECT COUNT(*) FROM ballots WHERE election_id = {id}"), Is.Zero);

        var good = await official.PostAsync($"/api/elections/{id}/ballots/paper",
            new StringContent($"person_id,parks,roads,schools,projects\n{people[0]},600,400,0,\"r2,a,r1\"\n{people[1]},200,200,600,\n", Encoding.UTF8, "text/csv"));
        Assert.That((await Ok(good)).GetProperty("imported").GetInt32(), Is.EqualTo(2));
        using var panelist = host.WithBearer(tokens[0]);
        var stored = (await panelist.GetFromJsonAsync<JsonElement>("/api/ballot")).GetProperty("ballot");
        Assert.That(stored.GetProperty("source").GetString(), Is.EqualTo("paper"));
        var chosen = stored.GetProperty("ballot").GetProperty("areaProjects");
        Assert.That(chosen.GetProperty("parks").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "a" }));
        Assert.That(chosen.GetProperty("roads").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "r2", "r1" }));
    }

    // The problems of a refused paper import (400), one line each.
    private static async Task<string[]> PaperAsync(HttpClient official, long id, string csv)
    {
        var response = await official.PostAsync($"/api/elections/{id}/ballots/paper", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray();
    }

    private static async Task<JsonElement> ProblemsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").Clone();
    }
}
