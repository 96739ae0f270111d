using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Budgeting.Audit;
using static Budgeting.Api.Tests.Features.Results.SmallElection;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>
/// An allocation vote from creation to publication: a budget of 1000 split across parks, roads and schools by a panel
/// of three with Independent Markets.
/// <para>
/// The proposals, as shares of the budget: P1 (0.6, 0.4, 0), P2 (0.2, 0.2, 0.6), P3 (0.1, 0.5, 0.4). With n = 3 the
/// phantoms are f_k(t) = min(t(3 − k), 1): 3t, 2t, t and 0; each area's value is the 4th smallest of its 3 reports and
/// 4 phantoms. At t = 1/5 the phantoms are 0.6, 0.4, 0.2, 0:
/// parks {0.1, 0.2, 0.6 | 0.6, 0.4, 0.2, 0} → 0, 0.1, 0.2, <b>0.2</b>, 0.4, 0.6, 0.6;
/// roads {0.4, 0.2, 0.5 | …} → 0, 0.2, 0.2, <b>0.4</b>, 0.4, 0.5, 0.6;
/// schools {0, 0.6, 0.4 | …} → 0, 0, 0.2, <b>0.4</b>, 0.4, 0.6, 0.6.
/// The medians sum to 0.2 + 0.4 + 0.4 = 1. Just below t = 1/5 roads and schools both drop (to 0.4 − 2ε), just above
/// parks rises (to 0.2 + ε), so t = 1/5 is the only solution: the allocation is 200, 400, 400 (exact, no rounding).
/// </para>
/// <para>
/// The mean is (0.3, 11/30, 1/3), so the distance from the mean is 1000 × (1/10 + 1/30 + 1/15) = 200. Each panelist's
/// l1 distance to (200, 400, 400): P1 400 + 0 + 400 = 800, P2 0 + 200 + 200 = 400, P3 100 + 100 + 0 = 200.
/// </para>
/// </summary>
public sealed class AllocationPublicationTests
{
    private static readonly long[][] Proposals = [[600, 400, 0], [200, 200, 600], [100, 500, 400]];

    private static object Definition(long? parksFloor = null) => new
    {
        city = "Testville",
        title = "Testville areas 2027",
        currency = "EUR",
        budget = 1000L,
        ballotKind = "allocation",
        rule = new { name = "independent-markets" },
        panelSize = 3,
        projects = Array.Empty<object>(),
        areas = new object[]
        {
            new { id = "parks", name = "Parks and green spaces", floor = parksFloor },
            new { id = "roads", name = "Roads", ceiling = 900L },
            new { id = "schools", name = "Schools" },
        },
    };

    [Test]
    public async Task An_allocation_vote_is_published_with_the_hand_computed_allocation_and_its_bundle_verifies()
    {
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var id = await ClosedAllocationVoteAsync(host, official, anonymous);

        var published = await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        Assert.That(published.GetProperty("stage").GetString(), Is.EqualTo("published"));
        Assert.That(published.GetProperty("voters").GetInt64(), Is.EqualTo(3));
        Assert.That(published.GetProperty("selected").GetArrayLength(), Is.Zero);
        Assert.That(Amounts(published.GetProperty("allocation")), Is.EqualTo(new[] { ("parks", 200L), ("roads", 400L), ("schools", 400L) }));

        var results = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/elections/{id}/results");
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("file").GetString(), Is.EqualTo("ballots.csv"));
            Assert.That(results.GetProperty("rule").GetString(), Is.EqualTo("independent-markets"));
            Assert.That(results.GetProperty("budget").GetInt64(), Is.EqualTo(1000));
            Assert.That(results.GetProperty("panelists").GetInt64(), Is.EqualTo(3));
            Assert.That(results.GetProperty("time").GetProperty("exact").GetString(), Is.EqualTo("1/5"));
            Assert.That(Amounts(results.GetProperty("allocation")), Is.EqualTo(new[] { ("parks", 200L), ("roads", 400L), ("schools", 400L) }));
            Assert.That(results.GetProperty("fractions").EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
                Is.EqualTo(new[] { ("parks", "1/5"), ("roads", "2/5"), ("schools", "2/5") }));
            Assert.That(results.GetProperty("mean").EnumerateObject().Select(p => p.Value.GetString()), Is.EqualTo(new[] { "3/10", "11/30", "1/3" }));
            Assert.That(results.GetProperty("distanceFromMean").GetProperty("exact").GetString(), Is.EqualTo("200"));
            Assert.That(results.GetProperty("panelistDistances").EnumerateArray().Select(d => d.GetProperty("distance").GetProperty("exact").GetString()).Order(),
                Is.EqualTo(new[] { "200", "400", "800" }));
            Assert.That(results.GetProperty("areas")[1].GetProperty("ceiling").GetInt64(), Is.EqualTo(900));
        });

        var page = await anonymous.GetAsync($"/elections/{id}/results");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<h1>Testville areas 2027</h1>"));
        Assert.That(html, Does.Contain("<tr><td>Parks and green spaces</td><td class=\"n\">2.00 EUR</td><td class=\"n\">1/5</td>"));
        Assert.That(html, Does.Contain("<tr><td>Roads</td><td class=\"n\">4.00 EUR</td><td class=\"n\">2/5</td>"));
        Assert.That(html, Does.Contain("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        // The outcome's diamond for parks: 200 of 1000 on a 500-pixel axis starting at x = 170 is x = 270, its top 7
        // above the first row's middle (40 + 36 / 2 = 58); the mean's circle for parks at 300 of 1000 is x = 320.
        Assert.That(html, Does.Contain("<path d=\"M 270 51 l 6 7 l -6 7 l -6 -7 z\" fill=\"#c0392b\"><title>outcome 200 (1/5 of the budget)</title></path>"));
        Assert.That(html, Does.Contain("<circle cx=\"320\" cy=\"58\" r=\"4\""));

        var bundle = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        var verification = AuditBundleVerifier.Verify(new MemoryStream(bundle));
        Assert.That(verification.Findings, Is.Empty);
        Assert.That(verification.Checked, Has.Some.EqualTo("results.json: identical to the re-run aggregation of ballots.csv with independent-markets"));

        var files = BundleFiles.Read(bundle);
        Assert.That(files.Keys, Does.Contain("ballots.csv").And.Not.Contain("ballots.pb"));
        var rows = Encoding.UTF8.GetString(files["ballots.csv"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows[0], Is.EqualTo("voter_id,parks,roads,schools"));
        Assert.That(rows.Skip(1).Select(r => r.Split(',', 2)[0]), Is.EqualTo(new[] { "1", "2", "3" }));
        Assert.That(rows.Skip(1).Select(r => r.Split(',', 2)[1]).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "100,500,400", "200,200,600", "600,400,0" }));
        Assert.That(Encoding.UTF8.GetString(files["results.json"]), Is.EqualTo(await anonymous.GetStringAsync($"/api/public/elections/{id}/results")));
        Assert.That(Encoding.UTF8.GetString(files["rule.json"]), Does.Contain("\"ballot\": \"allocation\""));
    }

    [Test]
    public async Task The_results_page_suggests_the_allocate_command_with_the_floors_and_ceilings_and_it_reproduces_results_json()
    {
        // Parks has a floor of 100 (every proposal gives it at least 100) and roads a ceiling of 900; results.json
        // reports both, so a command without --floor and --ceiling would print floor 0 and ceiling 1000 instead.
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var id = await ClosedAllocationVoteAsync(host, official, anonymous, Definition(parksFloor: 100));
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));

        var command = SuggestedCommand.In(await anonymous.GetStringAsync($"/elections/{id}/results"));
        Assert.That(command, Is.EqualTo(
            "budgeting allocate ballots.csv --budget 1000 --rule independent-markets --floor parks=100 --ceiling roads=900 --format json"));

        var bundle = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        var published = SuggestedCommand.Entry(bundle, "results.json");
        Assert.That(published, Does.Contain("\"floor\": 100").And.Contain("\"ceiling\": 900"));
        var (code, output, error) = SuggestedCommand.Run(command, bundle);
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo(published));
    }

    [Test]
    public async Task A_tampered_allocation_ballots_file_fails_the_verifier_naming_it()
    {
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var id = await ClosedAllocationVoteAsync(host, official, anonymous);
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        var bundle = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        var files = BundleFiles.Read(bundle);
        var csv = Encoding.UTF8.GetString(files["ballots.csv"]);
        Assert.That(csv, Does.Contain(",100,500,400\n"));
        var forged = Encoding.UTF8.GetBytes(csv.Replace(",100,500,400\n", ",100,900,0\n", StringComparison.Ordinal));

        // Changed alone, the manifest's hash gives it away.
        var changed = AuditBundleVerifier.Verify(new MemoryStream(BundleFiles.Zip(WithBallots(files, forged), rehash: false)));
        Assert.That(changed.Passed, Is.False);
        Assert.That(changed.Findings, Has.Some.StartsWith("ballots.csv: its SHA-256 is ").And.EndsWith("the file was changed"));

        // With the manifest rewritten to match, the re-run aggregation gives it away. P3 now proposes (0.1, 0.9, 0):
        // for t in (1/5, 1/3] parks is t (0, 0.1, 0.2, t, …), roads 0.4 (0, 0.2, t, 0.4, …) and schools t
        // (0, 0, 0, t, …), so 2t + 0.4 = 1 gives t = 3/10: 300, 400, 300 instead of the published 200, 400, 400.
        var forgedBundle = AuditBundleVerifier.Verify(new MemoryStream(BundleFiles.Zip(WithBallots(files, forged), rehash: true)));
        Assert.That(forgedBundle.Passed, Is.False);
        Assert.That(forgedBundle.Findings, Does.Contain(
            "results.json: allocates parks 200, roads 400, schools 400 but the re-run aggregation of ballots.csv with independent-markets allocates parks 300, roads 400, schools 300"));

        // A row above an area's ceiling (roads, 900) is named with its line and field.
        var overCeiling = Encoding.UTF8.GetBytes(csv.Replace(",100,500,400\n", ",0,1000,0\n", StringComparison.Ordinal));
        var line = Array.FindIndex(csv.Split('\n'), r => r.EndsWith(",100,500,400", StringComparison.Ordinal)) + 1;
        var rejected = AuditBundleVerifier.Verify(new MemoryStream(BundleFiles.Zip(WithBallots(files, overCeiling), rehash: true)));
        Assert.That(rejected.Findings, Does.Contain($"ballots.csv:{line}: field 'roads': amount 1000 is above the area's ceiling 900"));
    }

    [Test]
    public async Task Nothing_of_an_allocation_vote_is_public_before_publication_and_an_empty_vote_is_not_published()
    {
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var id = await ClosedAllocationVoteAsync(host, official, anonymous);
        foreach (var path in new[] { "/api/public/elections/{0}", "/api/public/elections/{0}/results", "/api/public/elections/{0}/audit-bundle", "/elections/{0}/results" })
        {
            Assert.That((await anonymous.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id))).StatusCode,
                Is.EqualTo(HttpStatusCode.NotFound), path);
        }

        var created = await Ok(await official.PostAsJsonAsync("/api/elections", Definition()));
        var empty = created.GetProperty("id").GetInt64();
        await DrawAsync(official, empty);
        await Ok(await official.PostAsync($"/api/elections/{empty}/open", null));
        await Ok(await official.PostAsync($"/api/elections/{empty}/close", null));
        var refused = await official.PostAsync($"/api/elections/{empty}/publish", null);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("No panelist has cast an allocation ballot, so there is nothing to aggregate."));
        Assert.That(await StageAsync(host, empty), Is.EqualTo("voting-closed"));
    }

    // Creates the vote, draws the panel, lets the three panelists propose, closes voting; checks the results are 404 meanwhile.
    private static async Task<long> ClosedAllocationVoteAsync(TestHost host, HttpClient official, HttpClient anonymous, object? definition = null)
    {
        var created = await Ok(await official.PostAsJsonAsync("/api/elections", definition ?? Definition()));
        var id = created.GetProperty("id").GetInt64();
        var tokens = await DrawAsync(official, id);
        await Ok(await official.PostAsync($"/api/elections/{id}/open", null));
        for (var i = 0; i < tokens.Count; i++)
        {
            using var panelist = host.WithBearer(tokens[i]);
            var amounts = new Dictionary<string, long> { ["parks"] = Proposals[i][0], ["roads"] = Proposals[i][1], ["schools"] = Proposals[i][2] };
            await Ok(await panelist.PutAsJsonAsync("/api/ballot", new { amounts }));
        }

        Assert.That((await anonymous.GetAsync($"/api/public/elections/{id}/results")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await Ok(await official.PostAsync($"/api/elections/{id}/close", null));
        Assert.That((await anonymous.GetAsync($"/api/public/elections/{id}/results")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        return id;
    }

    private static async Task<IReadOnlyList<string>> DrawAsync(HttpClient official, long id)
    {
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
        return tokens;
    }

    private static (string, long)[] Amounts(JsonElement allocation) =>
        allocation.EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToArray();

    // The bundle's files with ballots.csv replaced by ballots.
    private static Dictionary<string, byte[]> WithBallots(Dictionary<string, byte[]> files, byte[] ballots) =>
        new(files, StringComparer.Ordinal) { ["ballots.csv"] = ballots };
}
