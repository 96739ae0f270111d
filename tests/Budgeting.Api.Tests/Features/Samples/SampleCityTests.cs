using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Budgeting.Api.Tests.Features.Samples;

public sealed class SampleCityTests
{
    private const string AdminKey = "sample-admin-key-0123456789";

    [Test]
    public async Task LoadSample_loads_Riverton_with_its_pool_into_an_empty_database_once()
    {
        var folder = Directory.CreateTempSubdirectory("budgeting-sample-test-").FullName;
        var database = Path.Combine(folder, "sample.db");
        try
        {
            using (var first = Host(database, loadSample: true))
            {
                var elections = await List(first);
                Assert.That(elections, Has.Count.EqualTo(1));
                Assert.That(elections[0].GetProperty("stage").GetString(), Is.EqualTo("pool-loaded"));
                var definition = elections[0].GetProperty("definition");
                Assert.That(definition.GetProperty("city").GetString(), Is.EqualTo("Riverton"));
                Assert.That(definition.GetProperty("projects").GetArrayLength(), Is.EqualTo(12));
                var pool = await Client(first).GetFromJsonAsync<JsonElement>($"/api/elections/{elections[0].GetProperty("id").GetInt64()}/pool");
                Assert.That(pool.GetProperty("people").GetInt32(), Is.EqualTo(48), "samples/riverton/volunteers.csv has 48 rows");
                Assert.That(pool.GetProperty("panelSize").GetInt32(), Is.EqualTo(12));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            using (var second = Host(database, loadSample: true))
            {
                Assert.That(await List(second), Has.Count.EqualTo(1), "a database that holds an election is left alone");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Without_LoadSample_the_database_stays_empty()
    {
        using var host = new TestHost();
        using var official = host.Official();

        var list = await official.GetFromJsonAsync<JsonElement>("/api/elections");

        Assert.That(list.GetArrayLength(), Is.Zero);
    }

    private static WebApplicationFactory<Program> Host(string database, bool loadSample) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Budgeting:DatabasePath", database);
            web.UseSetting("Budgeting:AdminKey", AdminKey);
            web.UseSetting("Budgeting:LoadSample", loadSample ? "true" : "false");
        });

    private static HttpClient Client(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    private static async Task<List<JsonElement>> List(WebApplicationFactory<Program> factory) =>
        (await Client(factory).GetFromJsonAsync<JsonElement>("/api/elections")).EnumerateArray().ToList();
}
