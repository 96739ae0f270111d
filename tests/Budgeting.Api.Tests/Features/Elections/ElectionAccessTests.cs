using System.Net;
using System.Net.Http.Json;
using static Budgeting.Api.Tests.Features.Panel.PanelScenario;

namespace Budgeting.Api.Tests.Features.Elections;

public sealed class ElectionAccessTests
{
    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", ""), ("GET", ""), ("GET", "/{id}"), ("PUT", "/{id}/definition"), ("POST", "/{id}/open"), ("POST", "/{id}/close"),
    ];

    private static HttpRequestMessage Request(string method, string path, long id)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/elections" + path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (method is "POST" && path == "" || method is "PUT")
        {
            request.Content = JsonContent.Create(Definition());
        }

        return request;
    }

    [Test]
    public async Task Only_officials_reach_the_election_endpoints_and_refused_requests_change_nothing()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await DrawnAsync(official);
        var panelistToken = (await IssueAsync(official, id))[1][2];
        using var anonymous = host.Anonymous();
        using var wrongKey = host.WithBearer("not-the-admin-key");
        using var panelist = host.WithBearer(panelistToken);
        var before = Snapshot(host);

        foreach (var (method, path) in Endpoints)
        {
            Assert.That((await anonymous.SendAsync(Request(method, path, id))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path} without a key");
            Assert.That((await wrongKey.SendAsync(Request(method, path, id))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path} with a wrong key");
            Assert.That((await panelist.SendAsync(Request(method, path, id))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {path} with a panelist's token");
        }

        Assert.That(Snapshot(host), Is.EqualTo(before), "no refused request wrote anything");
        Assert.That(await StageAsync(official, id), Is.EqualTo("panel-drawn"));
    }

    [Test]
    public async Task The_definition_is_frozen_once_voting_opens()
    {
        using var host = new TestHost();
        using var official = host.Official();
        var (id, _) = await DrawnAsync(official);
        Assert.That((await official.PostAsync($"/api/elections/{id}/open", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var before = Snapshot(host);

        var change = await official.PutAsJsonAsync($"/api/elections/{id}/definition", Definition());

        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await DetailAsync(change),
            Is.EqualTo("The election is voting-open: its projects, rule, budget and ballot limits were frozen when voting opened."));
        Assert.That(Snapshot(host), Is.EqualTo(before));
    }
}
