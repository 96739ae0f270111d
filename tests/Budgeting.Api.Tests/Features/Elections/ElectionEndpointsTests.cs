using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Budgeting.Api.Tests.Features.Elections;

public sealed class ElectionEndpointsTests
{
    private static object Definition(long budget = 1000) => new
    {
        city = "Riverton",
        title = "Riverton 2027",
        currency = "EUR",
        budget,
        ballotKind = "approval",
        limits = new { maxLength = 2 },
        rule = new { name = "equal-shares", completion = "add1" },
        panelSize = 3,
        projects = new[]
        {
            new { id = "p1", name = "Park benches", cost = 400L, description = "New benches in the park." },
            new { id = "p2", name = "Library hours", cost = 700L, description = "Open on Sundays." },
        },
    };

    [Test]
    public async Task An_official_creates_and_reads_a_draft_election()
    {
        using var host = new TestHost();
        using var official = host.Official();

        var created = await official.PostAsJsonAsync("/api/elections", Definition());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.That(body.GetProperty("stage").GetString(), Is.EqualTo("draft"));

        var read = await official.GetFromJsonAsync<JsonElement>($"/api/elections/{id}");
        Assert.That(read.GetProperty("definition").GetProperty("projects").GetArrayLength(), Is.EqualTo(2));
        Assert.That(read.GetProperty("definition").GetProperty("budget").GetInt64(), Is.EqualTo(1000));
    }

    [Test]
    public async Task The_public_and_wrong_keys_cannot_create_or_read_elections()
    {
        using var host = new TestHost();
        using var anonymous = host.Anonymous();
        using var wrong = host.WithBearer("not-the-key");

        Assert.That((await anonymous.PostAsJsonAsync("/api/elections", Definition())).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await wrong.PostAsJsonAsync("/api/elections", Definition())).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await anonymous.GetAsync("/api/elections")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var official = host.Official();
        var list = await official.GetFromJsonAsync<JsonElement>("/api/elections");
        Assert.That(list.GetArrayLength(), Is.Zero, "nothing was created by the refused requests");
    }

    [Test]
    public async Task An_invalid_definition_gets_a_validation_problem_naming_the_fields()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var response = await official.PostAsJsonAsync("/api/elections", Definition(budget: 0));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("errors").GetProperty("Budget")[0].GetString(), Is.EqualTo("'Budget' must be greater than '0'."));
    }

    [Test]
    public async Task Voting_cannot_open_before_the_panel_is_drawn()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var created = await (await official.PostAsJsonAsync("/api/elections", Definition())).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();

        var response = await official.PostAsync($"/api/elections/{id}/open", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(problem.GetProperty("detail").GetString(),
            Is.EqualTo("The election is draft; it must be panel-drawn before it can become voting-open."));
    }
}
