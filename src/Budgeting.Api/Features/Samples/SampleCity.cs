using System.Text.Json;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Features.Panel;
using Budgeting.Api.Storage;
using Dapper;
using FluentValidation;

namespace Budgeting.Api.Features.Samples;

/// <summary>
/// Loads the Riverton sample city (samples/riverton, embedded in the host) when <c>Budgeting:LoadSample</c> is true
/// and the database holds no election yet: the election's definition, and its volunteers and quotas as the pool, so
/// that it starts at the pool-loaded stage, ready for the lottery. Once any election exists it does nothing.
/// </summary>
public static class SampleCity
{
    /// <summary>The configuration key that turns loading on (<c>--Budgeting:LoadSample=true</c>, <c>Budgeting__LoadSample=true</c>).</summary>
    public const string Setting = "Budgeting:LoadSample";

    /// <summary>The actor the audit trail names for the sample's loading.</summary>
    public const string Actor = "sample";

    /// <summary>Loads the sample when configured and the database is empty; returns the new election's id, or null.</summary>
    public static async Task<long?> LoadSampleAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.GetValue<bool>(Setting))
        {
            return null;
        }

        var services = app.Services;
        await using (var connection = services.GetRequiredService<Database>().Open())
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM elections") > 0)
            {
                return null;
            }
        }

        var definition = JsonSerializer.Deserialize<ElectionDefinition>(Read("election.json"), new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The embedded sample election.json is empty.");
        services.GetRequiredService<IValidator<ElectionDefinition>>().ValidateAndThrow(definition);
        var election = await services.GetRequiredService<ElectionStore>().CreateAsync(definition, Actor);
        var upload = await services.GetRequiredService<PanelStore>().UploadPoolAsync(
            election.Id, Read("volunteers.csv"), "volunteers.csv", Read("categories.csv"), "categories.csv", "id", "address");
        if (upload.Result is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem)
        {
            throw new InvalidOperationException($"The embedded sample pool was refused: {problem.ProblemDetails.Detail}");
        }

        app.Logger.LogInformation("Loaded the Riverton sample city as election {Id} (pool loaded; next: POST /api/elections/{Id}/lottery).", election.Id, election.Id);
        return election.Id;
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(SampleCity).Assembly.GetManifestResourceStream("samples/riverton/" + name)
            ?? throw new InvalidOperationException($"The sample file {name} is not embedded in the host.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
