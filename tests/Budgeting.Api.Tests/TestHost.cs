using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Budgeting.Api.Tests;

/// <summary>
/// The service in-process, on a fresh SQLite file in a temporary folder, with a known admin key.
/// Dispose it to stop the host and delete the folder.
/// </summary>
public sealed class TestHost : IDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplicationFactory<Program> factory;

    public TestHost()
    {
        Folder = Directory.CreateTempSubdirectory("budgeting-api-test-").FullName;
        DatabasePath = Path.Combine(Folder, "budgeting.db");
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Budgeting:DatabasePath", DatabasePath);
            web.UseSetting("Budgeting:AdminKey", AdminKey);
        });
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>A client with no credentials (the public).</summary>
    public HttpClient Anonymous() => factory.CreateClient();

    /// <summary>A client holding the officials' key.</summary>
    public HttpClient Official() => WithBearer(AdminKey);

    /// <summary>A client holding the given bearer secret (a panelist's voting token, or a wrong key).</summary>
    public HttpClient WithBearer(string secret)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public void Dispose()
    {
        factory.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing request; the temporary folder is left behind.
        }
    }
}
