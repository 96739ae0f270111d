using System.Globalization;
using System.Text.Json;
using Budgeting.Api.Storage;
using Budgeting.Elections;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Features.Elections;

/// <summary>Reads and writes elections (definition and stage) in the database.</summary>
public sealed class ElectionStore(Database database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The current UTC time as stored (ISO 8601, invariant).</summary>
    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Stores a new draft election and returns it.</summary>
    public async Task<ElectionView> CreateAsync(ElectionDefinition definition, string actor)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var now = Now();
        var id = await InsertDraftAsync(connection, transaction, definition, now);
        await RecordAsync(connection, transaction, id, actor, "created the election");
        transaction.Commit();
        return new ElectionView(id, ElectionStage.Draft.ToName(), definition, now, now);
    }

    /// <summary>
    /// Stores a new draft election unless <paramref name="idempotencyKey"/> was already used: then nothing is written and
    /// the answer is the election that key created (<c>Replayed</c>), or a refusal when that request's body was different.
    /// </summary>
    public async Task<(ElectionView? Election, bool Replayed, string? Refusal)> CreateAsync(ElectionDefinition definition, string actor, string idempotencyKey)
    {
        var requestHash = Security.Secrets.Hash(JsonSerializer.Serialize(definition, Json));
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var earlier = await connection.QuerySingleOrDefaultAsync<(string RequestSha256, long ElectionId)?>(
            "SELECT request_sha256, election_id FROM idempotency_keys WHERE key = @idempotencyKey", new { idempotencyKey }, transaction);
        if (earlier is { } e)
        {
            return e.RequestSha256 == requestHash
                ? (await FindAsync(connection, transaction, e.ElectionId), true, null)
                : (null, false, "This Idempotency-Key was already used for a different election definition; use a new key for a new election.");
        }

        var now = Now();
        var id = await InsertDraftAsync(connection, transaction, definition, now);
        await connection.ExecuteAsync(
            "INSERT INTO idempotency_keys (key, request_sha256, election_id, created_at) VALUES (@idempotencyKey, @requestHash, @id, @now)",
            new { idempotencyKey, requestHash, id, now },
            transaction);
        await RecordAsync(connection, transaction, id, actor, "created the election");
        transaction.Commit();
        return (new ElectionView(id, ElectionStage.Draft.ToName(), definition, now, now), false, null);
    }

    /// <summary>The election with this id, or <see langword="null"/>.</summary>
    public async Task<ElectionView?> FindAsync(long id)
    {
        await using var connection = database.Open();
        return await FindAsync(connection, null, id);
    }

    /// <summary>The election with this id read on an open connection (inside a transaction when given).</summary>
    public static async Task<ElectionView?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Id, string Stage, string Definition, string CreatedAt, string UpdatedAt)?>(
            "SELECT id, stage, definition, created_at, updated_at FROM elections WHERE id = @id", new { id }, transaction);
        return row is { } r
            ? new ElectionView(r.Id, r.Stage, JsonSerializer.Deserialize<ElectionDefinition>(r.Definition, Json)!, r.CreatedAt, r.UpdatedAt)
            : null;
    }

    /// <summary>All elections, newest first.</summary>
    public async Task<IReadOnlyList<ElectionView>> ListAsync()
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Id, string Stage, string Definition, string CreatedAt, string UpdatedAt)>(
            "SELECT id, stage, definition, created_at, updated_at FROM elections ORDER BY id DESC");
        return rows.Select(r => new ElectionView(r.Id, r.Stage, JsonSerializer.Deserialize<ElectionDefinition>(r.Definition, Json)!, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>
    /// Replaces the definition while the stage still allows it. Returns the updated election, or a sentence saying
    /// why it may not change (then nothing is written); <see langword="null"/> for both when there is no such election.
    /// </summary>
    public async Task<(ElectionView? Election, string? Refusal)> UpdateDefinitionAsync(long id, ElectionDefinition definition, string actor)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var current = await FindAsync(connection, transaction, id);
        if (current is null)
        {
            return (null, null);
        }

        var stage = ElectionStages.Parse(current.Stage);
        if (!stage.DefinitionEditable())
        {
            return (current, $"The election is {stage.ToName()}: its projects, rule, budget and ballot limits were frozen when voting opened.");
        }

        if (stage >= ElectionStage.LotteryCommitted && definition.PanelSize != current.Definition.PanelSize)
        {
            return (current, $"The election is {stage.ToName()}: the panel size ({current.Definition.PanelSize}) was fixed when the lottery was committed.");
        }

        var now = Now();
        await connection.ExecuteAsync(
            """
            UPDATE elections SET city = @City, title = @Title, currency = @Currency, budget = @Budget,
                                 definition = @Definition, updated_at = @Now
            WHERE id = @id
            """,
            new { definition.City, definition.Title, definition.Currency, definition.Budget, Definition = JsonSerializer.Serialize(definition, Json), Now = now, id },
            transaction);
        await RecordAsync(connection, transaction, id, actor, "changed the definition");
        transaction.Commit();
        return (current with { Definition = definition, UpdatedAt = now }, null);
    }

    /// <summary>
    /// Moves the election one stage forward inside <paramref name="transaction"/>, after checking the move is allowed
    /// from its current stage. Returns <see langword="null"/> on success, else why not (nothing written).
    /// </summary>
    public static async Task<string?> AdvanceAsync(SqliteConnection connection, SqliteTransaction transaction, long id, ElectionStage to, string actor)
    {
        var current = await connection.QuerySingleOrDefaultAsync<string>("SELECT stage FROM elections WHERE id = @id", new { id }, transaction);
        if (current is null)
        {
            return $"There is no election {id}.";
        }

        var refusal = ElectionStages.CheckTransition(ElectionStages.Parse(current), to);
        if (refusal is not null)
        {
            return refusal;
        }

        await connection.ExecuteAsync(
            "UPDATE elections SET stage = @Stage, updated_at = @Now WHERE id = @id",
            new { Stage = to.ToName(), Now = Now(), id },
            transaction);
        await RecordAsync(connection, transaction, id, actor, $"moved the election to {to.ToName()}");
        return null;
    }

    /// <summary>Appends an entry to the election's audit trail.</summary>
    public static Task RecordAsync(SqliteConnection connection, SqliteTransaction? transaction, long? electionId, string actor, string what) =>
        connection.ExecuteAsync(
            "INSERT INTO events (election_id, at, actor, what) VALUES (@electionId, @At, @actor, @what)",
            new { electionId, At = Now(), actor, what },
            transaction);

    private static Task<long> InsertDraftAsync(SqliteConnection connection, SqliteTransaction transaction, ElectionDefinition definition, string now) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO elections (city, title, currency, budget, definition, stage, created_at, updated_at)
            VALUES (@City, @Title, @Currency, @Budget, @Definition, @Stage, @Now, @Now);
            SELECT last_insert_rowid();
            """,
            new
            {
                definition.City, definition.Title, definition.Currency, definition.Budget,
                Definition = JsonSerializer.Serialize(definition, Json), Stage = ElectionStage.Draft.ToName(), Now = now,
            },
            transaction);
}
