namespace Budgeting.Api.Hosting;

/// <summary>
/// The host's settings, bound from the <c>Budgeting</c> configuration section (appsettings.json, environment
/// variables such as <c>Budgeting__DatabasePath</c>, or command-line arguments such as
/// <c>--Budgeting:DatabasePath=city.db</c>).
/// </summary>
public sealed class BudgetingOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Budgeting";

    /// <summary>The SQLite database file; relative paths are taken from the working directory.</summary>
    public string DatabasePath { get; set; } = "budgeting.db";

    /// <summary>
    /// The officials' key. When unset, the first start creates one, stores only its hash and prints it once.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>The largest request body accepted anywhere (bytes); uploads of pools and paper ballots are the big ones.</summary>
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The largest body accepted for one ballot (bytes).</summary>
    public long MaxBallotBodyBytes { get; set; } = 64 * 1024;
}
