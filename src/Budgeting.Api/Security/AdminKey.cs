using Budgeting.Api.Hosting;
using Budgeting.Api.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Security;

/// <summary>
/// The hash of the officials' key. Taken from configuration (<c>Budgeting:AdminKey</c>) when set; otherwise the
/// first start creates a key, stores its hash in the database and prints the key once; later starts reuse the hash.
/// </summary>
public sealed class AdminKey
{
    private const string SettingName = "admin_key_sha256";

    /// <summary>Resolves the key at start-up (after migrations), printing a newly created key to <paramref name="output"/>.</summary>
    public AdminKey(IOptions<BudgetingOptions> options, Database database, TextWriter? output = null)
    {
        var configured = options.Value.AdminKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            KeyHash = Secrets.Hash(configured.Trim());
            return;
        }

        using var connection = database.Open();
        var stored = connection.QuerySingleOrDefault<string>("SELECT value FROM settings WHERE key = @SettingName", new { SettingName });
        if (stored is not null)
        {
            KeyHash = stored;
            return;
        }

        var key = Secrets.Create();
        KeyHash = Secrets.Hash(key);
        connection.Execute("INSERT INTO settings (key, value) VALUES (@SettingName, @KeyHash)", new { SettingName, KeyHash });
        (output ?? Console.Out).WriteLine(
            $"Created the officials' admin key (shown only this once; keep it safe): {key}");
    }

    /// <summary>The SHA-256 of the officials' key, lower-case hex.</summary>
    public string KeyHash { get; }

    /// <summary>Whether <paramref name="presented"/> is the officials' key.</summary>
    public bool Matches(string presented) => Secrets.SameHash(Secrets.Hash(presented), KeyHash);
}
