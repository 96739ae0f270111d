using Budgeting.Api.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Storage;

/// <summary>
/// Opens connections to the service's SQLite database. Every connection runs with <c>synchronous=FULL</c>
/// (an acknowledged write survives a power cut or a kill -9), foreign keys on and a busy timeout; the file
/// itself is in WAL mode (set once by <see cref="Migrations"/>).
/// </summary>
public sealed class Database
{
    private readonly string connectionString;

    /// <summary>Creates the factory for the database the options name.</summary>
    public Database(IOptions<BudgetingOptions> options)
        : this(options.Value.DatabasePath)
    {
    }

    /// <summary>Creates the factory for the database file at <paramref name="path"/>.</summary>
    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>Opens a new connection, configured for durability. The caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Opens a new connection for reads only, without the per-connection pragmas (which matter only to writes):
    /// the cheaper path for lookups made on every request, such as the bearer token's. Busy waits still follow the
    /// connection string's default timeout. Never write through it.
    /// </summary>
    public SqliteConnection OpenForReading()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
