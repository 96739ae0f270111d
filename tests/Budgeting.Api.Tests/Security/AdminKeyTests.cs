using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Budgeting.Api.Storage;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Tests.Security;

public sealed class AdminKeyTests
{
    [Test]
    public void Without_a_configured_key_the_first_start_creates_one_prints_it_once_and_stores_only_its_hash()
    {
        var folder = Directory.CreateTempSubdirectory("budgeting-adminkey-").FullName;
        try
        {
            var path = Path.Combine(folder, "budgeting.db");
            var database = new Database(path);
            Migrations.Apply(database);
            var options = Options.Create(new BudgetingOptions { DatabasePath = path });

            using var first = new StringWriter();
            var created = new AdminKey(options, database, first);
            const string Prefix = "Created the officials' admin key (shown only this once; keep it safe): ";
            Assert.That(first.ToString(), Does.StartWith(Prefix));
            var key = first.ToString()[Prefix.Length..].Trim();
            Assert.That(key, Has.Length.EqualTo(43));
            Assert.That(created.Matches(key), Is.True);
            Assert.That(created.Matches(key + "x"), Is.False);

            using var second = new StringWriter();
            var restarted = new AdminKey(options, database, second);
            Assert.That(second.ToString(), Is.Empty, "a later start does not print the key again");
            Assert.That(restarted.Matches(key), Is.True, "the key keeps working after a restart");

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = File.ReadAllBytes(path).Concat(File.Exists(path + "-wal") ? File.ReadAllBytes(path + "-wal") : []).ToArray();
            Assert.That(System.Text.Encoding.ASCII.GetString(bytes), Does.Not.Contain(key), "only the key's hash is stored");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_configured_key_is_used_and_nothing_is_printed()
    {
        var folder = Directory.CreateTempSubdirectory("budgeting-adminkey-").FullName;
        try
        {
            var path = Path.Combine(folder, "budgeting.db");
            var database = new Database(path);
            Migrations.Apply(database);
            using var output = new StringWriter();

            var key = new AdminKey(Options.Create(new BudgetingOptions { DatabasePath = path, AdminKey = "city-hall-key" }), database, output);

            Assert.That(output.ToString(), Is.Empty);
            Assert.That(key.Matches("city-hall-key"), Is.True);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
