using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Budgeting.Audit;
using static Budgeting.Api.Tests.Features.Results.SmallElection;

namespace Budgeting.Api.Tests.Features.Results;

public sealed class ResultsEndpointsTests
{
    private static readonly string[] PublicPaths = ["/api/public/elections/{0}", "/api/public/elections/{0}/results", "/api/public/elections/{0}/audit-bundle", "/elections/{0}/results"];

    [Test]
    public async Task An_official_publishes_a_closed_election_and_everyone_reads_the_results()
    {
        using var host = new TestHost();
        var (id, _) = await ToStageAsync(host, "voting-closed");
        using var official = host.Official();

        var published = await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));

        Assert.That(published.GetProperty("stage").GetString(), Is.EqualTo("published"));
        Assert.That(published.GetProperty("voters").GetInt64(), Is.EqualTo(3));
        Assert.That(published.GetProperty("selected").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "b", "a", "d" }));
        Assert.That(await StageAsync(host, id), Is.EqualTo("published"));

        using var anonymous = host.Anonymous();
        var results = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/elections/{id}/results");
        Assert.That(results.GetProperty("file").GetString(), Is.EqualTo("ballots.pb"));
        Assert.That(results.GetProperty("rule").GetString(), Is.EqualTo("greedy"));
        Assert.That(results.GetProperty("selected").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "b", "a", "d" }));
        Assert.That(results.GetProperty("totalCost").GetInt64(), Is.EqualTo(90));
        Assert.That(results.GetProperty("leftover").GetInt64(), Is.EqualTo(10));

        var election = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/elections/{id}");
        Assert.That(election.GetProperty("definition").GetProperty("title").GetString(), Is.EqualTo("Testville 2027"));
        Assert.That(election.GetProperty("publishedAt").GetString(), Is.Not.Null);

        var page = await anonymous.GetAsync($"/elections/{id}/results");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("<h1>Testville 2027</h1>"));
        Assert.That(html, Does.Contain("<desc id=\"chart-desc\">3 funded projects cost 0.90 EUR of the budget of 1.00 EUR; 0.10 EUR is left.</desc>"));
        // Bikes cost 30 of 100: 30% of the 340-pixel bar is 102 pixels.
        Assert.That(html, Does.Contain("width=\"102\" height=\"18\" fill=\"#2563eb\""));
    }

    [Test]
    public async Task The_audit_bundle_checks_out_and_holds_no_personal_data()
    {
        using var host = new TestHost();
        var (id, tokens) = await ToStageAsync(host, "voting-closed");
        using var official = host.Official();
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        using var anonymous = host.Anonymous();

        var response = await anonymous.GetAsync($"/api/public/elections/{id}/audit-bundle");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/zip"));
        var bundle = await response.Content.ReadAsByteArrayAsync();
        var again = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/audit-bundle");
        Assert.That(again, Is.EqualTo(bundle), "the bundle is the same bytes every time");

        var verification = AuditBundleVerifier.Verify(new MemoryStream(bundle));
        Assert.That(verification.Findings, Is.Empty);

        using var zip = new ZipArchive(new MemoryStream(bundle));
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            var text = await reader.ReadToEndAsync();
            foreach (var secret in new[] { "Ann", "Bob", "Hal", TestHost.AdminKey }.Concat(tokens))
            {
                Assert.That(text, Does.Not.Contain(secret), $"{entry.FullName} holds '{secret}'");
            }
        }
    }

    [Test]
    public async Task Nothing_is_public_before_publication()
    {
        using var host = new TestHost();
        var (id, tokens) = await ToStageAsync(host, "voting-closed");
        using var anonymous = host.Anonymous();
        using var panelist = host.WithBearer(tokens[0]);
        using var wrong = host.WithBearer("not-a-key");

        foreach (var path in PublicPaths.Select(p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, id)))
        {
            Assert.That((await anonymous.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That((await panelist.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That((await wrong.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }

        // Officials may preview the definition, but there are no results to see yet.
        using var official = host.Official();
        Assert.That((await official.GetAsync($"/api/public/elections/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await official.GetAsync($"/api/public/elections/{id}/results")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var notFound = await anonymous.GetAsync($"/api/public/elections/{id}/results");
        var body = await notFound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo($"There is no published election {id}."));
    }

    [Test]
    public async Task Only_officials_may_publish_and_refused_requests_change_nothing()
    {
        using var host = new TestHost();
        var (id, tokens) = await ToStageAsync(host, "voting-closed");
        using var anonymous = host.Anonymous();
        using var wrong = host.WithBearer("not-a-key");
        using var panelist = host.WithBearer(tokens[0]);

        Assert.That((await anonymous.PostAsync($"/api/elections/{id}/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await wrong.PostAsync($"/api/elections/{id}/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await panelist.PostAsync($"/api/elections/{id}/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        Assert.That(await StageAsync(host, id), Is.EqualTo("voting-closed"));
        Assert.That((await anonymous.GetAsync($"/api/public/elections/{id}/results")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Publishing_before_voting_closes_or_twice_is_a_conflict_and_changes_nothing()
    {
        using var host = new TestHost();
        var (id, _) = await ToStageAsync(host, "voting-open");
        using var official = host.Official();

        var early = await official.PostAsync($"/api/elections/{id}/publish", null);
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("The election is voting-open; it must be voting-closed before it can become published."));
        Assert.That(await StageAsync(host, id), Is.EqualTo("voting-open"));
        using var anonymous = host.Anonymous();
        Assert.That((await anonymous.GetAsync($"/api/public/elections/{id}/results")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        await Ok(await official.PostAsync($"/api/elections/{id}/close", null));
        await Ok(await official.PostAsync($"/api/elections/{id}/publish", null));
        var before = await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/results");

        var twice = await official.PostAsync($"/api/elections/{id}/publish", null);
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            Is.EqualTo("The election is already published; it cannot go back to published."));
        Assert.That(await anonymous.GetByteArrayAsync($"/api/public/elections/{id}/results"), Is.EqualTo(before));
    }

    [Test]
    public async Task Publishing_an_unknown_election_is_404()
    {
        using var host = new TestHost();
        using var official = host.Official();

        var response = await official.PostAsync("/api/elections/999/publish", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Is.EqualTo("There is no election 999."));
    }
}
