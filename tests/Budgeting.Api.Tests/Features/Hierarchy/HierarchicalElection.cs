using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Budgeting.Api.Tests.Features.Ballots;
using static Budgeting.Api.Tests.Features.Results.SmallElection;

namespace Budgeting.Api.Tests.Features.Hierarchy;

/// <summary>
/// A hierarchical budget for the tests: 1000 (cents) split across parks, roads and schools by Independent Markets, then a
/// project vote in parks (greedy, the election's project rule) and in roads (its own rule, Equal Shares with cost
/// utilities and no completion); schools has no projects. Panel of three.
/// </summary>
internal static class HierarchicalElection
{
    /// <summary>The proposals (parks, roads, schools), as in AllocationPublicationTests: Independent Markets gives 200, 400, 400.</summary>
    public static readonly long[][] Proposals = [[600, 400, 0], [200, 200, 600], [100, 500, 400]];

    /// <summary>Each panelist's approvals: parks, then roads.</summary>
    public static readonly string[][][] Approvals =
    [
        [["a", "b"], ["r1"]],
        [["a", "c"], ["r2", "r3"]],
        [["a", "b"], ["r1", "r2"]],
    ];

    public static JsonObject HierarchicalDefinition() => new()
    {
        ["city"] = "Testville",
        ["title"] = "Testville areas and projects 2027",
        ["currency"] = "EUR",
        ["budget"] = 1000,
        ["ballotKind"] = "allocation",
        ["rule"] = new JsonObject { ["name"] = "independent-markets" },
        ["projectRule"] = new JsonObject { ["name"] = "greedy" },
        ["panelSize"] = 3,
        ["projects"] = new JsonArray(),
        ["areas"] = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "parks", ["name"] = "Parks and green spaces",
                ["projects"] = new JsonArray
                {
                    Project("a", "Playground", 120),
                    Project("b", "Pond", 100),
                    Project("c", "Benches", 60),
                },
            },
            new JsonObject
            {
                ["id"] = "roads", ["name"] = "Roads", ["ceiling"] = 900,
                ["rule"] = new JsonObject { ["name"] = "equal-shares", ["utility"] = "cost", ["completion"] = "none" },
                ["projects"] = new JsonArray
                {
                    Project("r1", "Cycle lane", 300),
                    Project("r2", "Crossing", 200),
                    Project("r3", "Potholes", 100),
                },
            },
            new JsonObject { ["id"] = "schools", ["name"] = "Schools" },
        },
    };

    public static JsonObject Project(string id, string name, long cost) =>
        new() { ["id"] = id, ["name"] = name, ["cost"] = cost, ["description"] = name + " for Testville." };

    /// <summary>Panelist <paramref name="i"/>'s whole ballot: the amounts and the approvals in parks and roads.</summary>
    public static object Ballot(int i) => new
    {
        amounts = new Dictionary<string, long> { ["parks"] = Proposals[i][0], ["roads"] = Proposals[i][1], ["schools"] = Proposals[i][2] },
        areaProjects = new Dictionary<string, string[]> { ["parks"] = Approvals[i][0], ["roads"] = Approvals[i][1] },
    };

    /// <summary>Creates the election, draws the panel, opens voting; with <paramref name="vote"/>, all three vote and voting closes.</summary>
    public static async Task<(long Id, string[] Tokens)> StartAsync(TestHost host, HttpClient official, bool vote)
    {
        var (id, tokens, _) = await TestPanel.DrawnAsync(official, HierarchicalDefinition());
        if (vote)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                using var panelist = host.WithBearer(tokens[i]);
                await Ok(await panelist.PutAsJsonAsync("/api/ballot", Ballot(i)));
            }

            await Ok(await official.PostAsync($"/api/elections/{id}/close", null));
        }

        return (id, tokens);
    }
}
