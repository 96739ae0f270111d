using Dapper;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Storage;

/// <summary>
/// The schema, as numbered steps applied in order at start-up. The database's <c>user_version</c> records the last
/// step applied, so each step runs once, inside one transaction with its version bump. Steps are never edited
/// once released: a change is a new step at the end.
/// </summary>
public static class Migrations
{
    /// <summary>The schema steps; step i (1-based) brings the database to <c>user_version</c> i.</summary>
    internal static IReadOnlyList<string> Steps { get; } =
    [
        // 1: the whole first schema.
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE elections (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            city          TEXT    NOT NULL,
            title         TEXT    NOT NULL,
            currency      TEXT    NOT NULL,
            budget        INTEGER NOT NULL,
            definition    TEXT    NOT NULL,  -- JSON ElectionDefinition: projects, ballot kind, limits, rule, tie-break, panel size, areas
            stage         TEXT    NOT NULL,
            created_at    TEXT    NOT NULL,
            updated_at    TEXT    NOT NULL
        );

        -- The uploaded volunteer pool and quotas, kept byte for byte (the audit bundle hashes them).
        CREATE TABLE pools (
            election_id       INTEGER PRIMARY KEY REFERENCES elections(id) ON DELETE CASCADE,
            people_csv        BLOB    NOT NULL,
            people_sha256     TEXT    NOT NULL,
            categories_csv    BLOB    NOT NULL,
            categories_sha256 TEXT    NOT NULL,
            options           TEXT    NOT NULL,  -- JSON: id column, address columns, panel size, algorithm, panels
            uploaded_at       TEXT    NOT NULL
        );

        -- Round 0 is the panel draw; rounds 1, 2, ... are replacement lotteries after dropouts.
        CREATE TABLE lotteries (
            election_id        INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
            round              INTEGER NOT NULL,
            lottery_json       BLOB    NOT NULL,
            lottery_sha256     TEXT    NOT NULL,
            probabilities_csv  BLOB,
            report             BLOB,
            dropouts           TEXT,             -- JSON array of person ids (replacement rounds)
            committed_at       TEXT    NOT NULL,
            seed               TEXT,
            chosen_index       INTEGER,
            revealed_at        TEXT,
            PRIMARY KEY (election_id, round)
        );

        -- The drawn panel. Only a hash of each voting token is stored.
        CREATE TABLE panelists (
            election_id   INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
            person_id     TEXT    NOT NULL,
            pseudonym     TEXT    NOT NULL,
            round         INTEGER NOT NULL,     -- lottery round that selected the person
            status        TEXT    NOT NULL,     -- 'active' or 'dropped'
            token_sha256  TEXT    UNIQUE,
            PRIMARY KEY (election_id, person_id)
        );

        -- One row per panelist: the last submission counts.
        CREATE TABLE ballots (
            election_id   INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
            person_id     TEXT    NOT NULL,
            source        TEXT    NOT NULL,     -- 'online' or 'paper'
            content       TEXT    NOT NULL,     -- JSON ballot
            revision      INTEGER NOT NULL,
            submitted_at  TEXT    NOT NULL,
            PRIMARY KEY (election_id, person_id),
            FOREIGN KEY (election_id, person_id) REFERENCES panelists(election_id, person_id)
        );

        -- The published result, computed once when voting closes or at publication.
        CREATE TABLE results (
            election_id   INTEGER PRIMARY KEY REFERENCES elections(id) ON DELETE CASCADE,
            results_json  BLOB    NOT NULL,
            ballots_pb    BLOB    NOT NULL,
            computed_at   TEXT    NOT NULL
        );

        -- What happened, in order: the officials' actions, for the audit trail.
        CREATE TABLE events (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            election_id   INTEGER REFERENCES elections(id) ON DELETE CASCADE,
            at            TEXT    NOT NULL,
            actor         TEXT    NOT NULL,
            what          TEXT    NOT NULL
        );
        """,

        // 2: Idempotency-Key of POST /api/elections, so that a repeated request (a double-click) creates one election.
        """
        CREATE TABLE idempotency_keys (
            key             TEXT    PRIMARY KEY,
            request_sha256  TEXT    NOT NULL,
            election_id     INTEGER NOT NULL REFERENCES elections(id) ON DELETE CASCADE,
            created_at      TEXT    NOT NULL
        );
        """,

        // 3: a hierarchical budget's published project ballots (projects.pb of its audit bundle), next to ballots_pb.
        """
        ALTER TABLE results ADD COLUMN projects_pb BLOB;
        """,
    ];

    /// <summary>
    /// Brings the database up to the latest schema and puts the file in WAL mode. Safe to call at every start.
    /// Refuses a database written by a newer version of the service.
    /// </summary>
    public static void Apply(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.Open();
        connection.Execute("PRAGMA journal_mode=WAL;");
        var version = connection.ExecuteScalar<long>("PRAGMA user_version;");
        if (version > Steps.Count)
        {
            throw new InvalidOperationException(
                $"The database {database.Path} has schema version {version}, newer than this service knows ({Steps.Count}).");
        }

        for (var step = (int)version; step < Steps.Count; step++)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(Steps[step], transaction: transaction);
            connection.Execute($"PRAGMA user_version = {step + 1};", transaction: transaction);
            transaction.Commit();
        }
    }

    /// <summary>Opens <paramref name="database"/> and reads its schema version (0 for a new file).</summary>
    internal static long Version(SqliteConnection connection) => connection.ExecuteScalar<long>("PRAGMA user_version;");
}
