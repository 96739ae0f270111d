using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Budgeting.Api.Tests.Features.Results;
using Budgeting.Audit;
using static Budgeting.Api.Tests.Features.Hierarchy.HierarchicalElection;
using static Budgeting.Api.Tests.Features.Results.SmallElection;

namespace Budgeting.Api.Tests.Features.Hierarchy;

/// <summary>
/// A hierarchical budget from ballots to publication (<see cref="HierarchicalElection"/>).
/// <para>
/// Stage 1, the allocation: the proposals are those of AllocationPublicationTests, where Independent Markets is worked
/// out by hand (t = 1/5): parks 200, roads 400, schools 400.
/// </para>
/// <para>
/// Stage 2, parks with 200, greedy: approvals a {P1, P2, P3} = 3, b {P1, P3} = 2, c {P2} = 1. Greedy takes a (120,
/// 80 left), skips b (100 &gt; 80), takes c (60, 20 left): funded a, c.
/// </para>
/// <para>
/// Stage 2, roads with 400, Equal Shares with cost utilities and no completion: each of the 3 voters starts with 400/3.
/// r1 (300) is approved by P1 and P3, who hold 800/3 &lt; 300 together: not affordable. r2 (200) by P2 and P3: each pays
/// 100, that is 1/2 per unit of utility (its cost). r3 (100) by P2 alone: P2 pays 100, 1 per unit. So r2 first; then
/// P2 and P3 hold 100/3 each and P1 400/3: r1 gets 400/3 + 100/3 = 500/3 &lt; 300, r3 gets 100/3 &lt; 100. Funded r2
/// only (greedy would have funded r2 and r3: the area's own rule counts).
/// </para>
/// <para>Schools has no projects: its 400 is not split further. The funded projects, area by area: a, c, r2.</para>
/// </summary>
public sealed class HierarchicalPublicationTests
{
    [Test]
    public async Task Both_stages_are_published_as_worked_out_by_hand_and_the_bundle_re_runs_them()
    {
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var (id, _) = await StartAsync(host, official, vote: true);

        var published = await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        Assert.That(published.GetProperty("selected").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "a", "c", "r2" }));
        Assert.That(published.GetProperty("allocation").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())),
            Is.EqualTo(new[] { ("parks", 200L), ("roads", 400L), ("schools", 400L) }));

        var results = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/elections/{id}/results");
        var votes = results.GetProperty("projectVotes");
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("allocation").EnumerateObject().Select(p => p.Value.GetInt64()), Is.EqualTo(new[] { 200L, 400L, 400L }));
            Assert.That(votes.EnumerateArray().Select(v => (v.GetProperty("area").GetString(), v.GetProperty("budget").GetInt64())),
                Is.EqualTo(new[] { ("parks", 200L), ("roads", 400L), ("schools", 400L) }));
            Assert.That(votes[0].GetProperty("report").GetProperty("rule").GetString(), Is.EqualTo("greedy"));
            Assert.That(votes[0].GetProperty("report").GetProperty("selected").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "a", "c" }));
            Assert.That(votes[0].GetProperty("report").GetProperty("voters").GetInt64(), Is.EqualTo(3));
            Assert.That(votes[1].GetProperty("report").GetProperty("rule").GetString(), Is.EqualTo("equal-shares utility=cost completion=none"));
            Assert.That(votes[1].GetProperty("report").GetProperty("selected").EnumerateArray().Select(p => p.GetString()), Is.EqualTo(new[] { "r2" }));
            Assert.That(votes[2].GetProperty("report").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });

        var page = await anonymous.GetAsync($"/elections/{id}/results");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<tr><td>Parks and green spaces</td><td class=\"n\">2.00 EUR</td><td class=\"n\">1/5</td>"));
        Assert.That(html, Does.Contain("<h2>Projects in each area</h2>"));
        Assert.That(html, Does.Contain("<h3>Parks and green spaces</h3>\n<p>Amount 2.00 EUR: 3 ballots counted with greedy, funded 1.80 EUR (0.20 EUR left over).</p>"));
        Assert.That(html, Does.Contain("<tr><td>Playground</td><td class=\"n\">1.20 EUR</td><td class=\"n\">3</td></tr>\n<tr><td>Benches</td><td class=\"n\">0.60 EUR</td><td class=\"n\">1</td></tr>"));
        Assert.That(html, Does.Contain("<h3>Roads</h3>\n<p>Amount 4.00 EUR: 3 ballots counted with equal-shares utility=cost completion=none, funded 2.00 EUR (2.00 EUR left over).</p>"));
        Assert.That(html, Does.Contain("<tr><td>Crossing</td><td class=\"n\">2.00 EUR</td><td class=\"n\">2</td></tr>\n</tbody>"));
        Assert.That(html, Does.Contain("<h3>Schools</h3>\n<p>Amount 4.00 EUR. This area has no projects to vote on.</p>"));
        Assert.That(html, Does.Not.Contain("Pond"));

        var bundle = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        var verification = AuditBundleVerifier.Verify(new MemoryStream(bundle));
        Assert.That(verification.Findings, Is.Empty);
        Assert.That(verification.Checked, Has.Some.EqualTo(
            "results.json: identical to the re-run of both stages: ballots.csv aggregated with independent-markets, then projects.pb tallied in each area with its amount"));
        Assert.That(verification.Checked, Has.Some.EqualTo("projects.pb: 3 ballots, numbered and ordered by the seed's shuffle"));

        var files = BundleFiles.Read(bundle);
        Assert.That(Encoding.UTF8.GetString(files["results.json"]), Is.EqualTo(await anonymous.GetStringAsync($"/api/public/elections/{id}/results")));
        var rule = Encoding.UTF8.GetString(files["rule.json"]);
        Assert.That(rule, Does.Contain("\"projectRules\": [\n    { \"rule\": \"greedy\","));
        Assert.That(rule, Does.Contain("\n    null\n  ]\n}\n"), "schools, without projects, has no project rule");
        var pb = Encoding.UTF8.GetString(files["projects.pb"]);
        Assert.That(pb, Does.Contain("a;120;Playground;parks").Or.Contain("a;120;parks;Playground"), pb);
    }

    [Test]
    public async Task The_suggested_allocate_command_reproduces_the_allocation_with_the_ceiling_and_the_page_says_the_bundle_check_re_runs_both()
    {
        // The first stage only: each area's project vote has its own rule and options (roads: Equal Shares with cost
        // utilities and no completion) and the election's tie-break with the lottery's seed, which `allocate` does not take.
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var (id, _) = await StartAsync(host, official, vote: true);
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));

        var html = await anonymous.GetStringAsync($"/elections/{id}/results");
        var command = Results.SuggestedCommand.In(html);
        Assert.That(command, Is.EqualTo("budgeting allocate ballots.csv --budget 1000 --rule independent-markets --ceiling roads=900 --format json"));
        Assert.That(html, Does.Contain("or re-run the allocation (the <code>allocation</code> of <code>results.json</code>) with"));
        Assert.That(html, Does.Contain("<code>budgeting audit-bundle</code> re-runs both stages, each area with its own rule"));

        var bundle = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        using var published = JsonDocument.Parse(Results.SuggestedCommand.Entry(bundle, "results.json"));
        var (code, output, error) = Results.SuggestedCommand.Run(command, bundle);
        Assert.That(code, Is.Zero, error);
        using var rerun = JsonDocument.Parse(output);
        foreach (var property in new[] { "allocation", "fractions", "areas", "panelistDistances" })
        {
            Assert.That(rerun.RootElement.GetProperty(property).GetRawText(), Is.EqualTo(published.RootElement.GetProperty(property).GetRawText()), property);
        }
    }

    [Test]
    public async Task A_forged_project_ballot_is_caught_by_the_re_run_of_the_second_stage()
    {
        using var host = new TestHost();
        using var official = host.Official();
        using var anonymous = host.Anonymous();
        var (id, _) = await StartAsync(host, official, vote: true);
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        var files = BundleFiles.Read(await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle"));
        var pb = Encoding.UTF8.GetString(files["projects.pb"]);
        Assert.That(pb, Does.Contain(";a,c,r2,r3\n"), pb);

        // P2's parks approvals changed from {a, c} to {b, c}: b 3, a 2, c 1, so greedy with 200 takes b (100 left),
        // skips a (120), takes c: b, c instead of a, c. Roads and the allocation are unchanged.
        files["projects.pb"] = Encoding.UTF8.GetBytes(pb.Replace(";a,c,r2,r3\n", ";b,c,r2,r3\n", StringComparison.Ordinal));
        var verification = AuditBundleVerifier.Verify(new MemoryStream(BundleFiles.Zip(files, rehash: true)));
        Assert.That(verification.Passed, Is.False);
        Assert.That(verification.Findings, Does.Contain(
            "results.json: funds parks: a, c; roads: r2; schools: nothing but the re-run project votes of projects.pb fund parks: b, c; roads: r2; schools: nothing"));
    }
}
