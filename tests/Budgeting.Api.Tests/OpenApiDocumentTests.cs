using System.Net;
using System.Text.Json;

namespace Budgeting.Api.Tests;

public sealed class OpenApiDocumentTests
{
    [Test]
    public async Task The_OpenAPI_document_is_public_and_describes_every_panel_endpoint_with_its_operations()
    {
        using var host = new TestHost();
        using var anonymous = host.Anonymous();

        var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.That(root.GetProperty("openapi").GetString(), Does.StartWith("3."));
        var paths = root.GetProperty("paths");
        var expected = new (string Path, string Method)[]
        {
            ("/api/elections/{id}/pool", "put"), ("/api/elections/{id}/pool", "get"),
            ("/api/elections/{id}/lottery", "post"), ("/api/elections/{id}/lottery/reveal", "post"),
            ("/api/elections/{id}/lotteries", "get"), ("/api/elections/{id}/lotteries/{round}/lottery.json", "get"), ("/api/elections/{id}/lotteries/0/report.md", "get"),
            ("/api/elections/{id}/replacements", "post"), ("/api/elections/{id}/replacements/{round}/reveal", "post"),
            ("/api/elections/{id}/panel", "get"), ("/api/elections/{id}/tokens", "post"),
            ("/api/elections/{id}/tokens/reissue", "post"), ("/api/elections/{id}/events", "get"),
            ("/api/elections", "post"), ("/api/elections/{id}", "get"),
        };
        foreach (var (path, method) in expected)
        {
            Assert.That(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), Is.True, $"{method} {path}");
        }

        var upload = paths.GetProperty("/api/elections/{id}/pool").GetProperty("put");
        Assert.That(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _), Is.True);
        Assert.That(upload.GetProperty("tags")[0].GetString(), Is.EqualTo("Panel"));
        var reveal = paths.GetProperty("/api/elections/{id}/lottery/reveal").GetProperty("post");
        Assert.That(reveal.GetProperty("responses").TryGetProperty("400", out _), Is.True, "validation problems are documented");
    }
}
