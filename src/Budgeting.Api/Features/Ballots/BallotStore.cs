using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Storage;
using Budgeting.Elections;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Features.Ballots;

/// <summary>Reads ballots and vote counts, and stores paper ballots. Online ballots are written by <see cref="BallotWriter"/>.</summary>
public sealed class BallotStore(Database database)
{
    /// <summary>How ballots are stored as JSON (absent fields left out).</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Inserts a panelist's ballot or replaces it (revision + 1), only while the election is in one of the stages
    /// named by @Open/@Also and the panelist is active. One statement, so it is atomic: two concurrent submissions
    /// with one token end as one row with revision 2. Returns the new revision, or no row when refused.
    /// </summary>
    internal const string UpsertSql =
        """
        INSERT INTO ballots (election_id, person_id, source, content, revision, submitted_at)
        SELECT @ElectionId, @PersonId, @Source, @Content, 1, @Now
        WHERE EXISTS (SELECT 1 FROM elections WHERE id = @ElectionId AND stage IN (@Open, @Also))
          AND EXISTS (SELECT 1 FROM panelists WHERE election_id = @ElectionId AND person_id = @PersonId AND status = 'active')
        ON CONFLICT (election_id, person_id) DO UPDATE SET
            source = excluded.source, content = excluded.content, revision = ballots.revision + 1, submitted_at = excluded.submitted_at
        RETURNING revision;
        """;

    // Definitions freeze when voting opens, so from then on an election's ballot box can be kept.
    private readonly ConcurrentDictionary<long, BallotBox> frozen = new();

    /// <summary>The election's stage and ballot box, or nulls when there is no such election.</summary>
    /// <exception cref="ArgumentException">The stored definition is not acceptable to the Core.</exception>
    public async Task<(string? Stage, BallotBox? Box)> BoxAsync(long electionId)
    {
        await using var connection = database.Open();
        var stage = await connection.QuerySingleOrDefaultAsync<string>("SELECT stage FROM elections WHERE id = @electionId", new { electionId });
        if (stage is null)
        {
            return (null, null);
        }

        if (frozen.TryGetValue(electionId, out var box))
        {
            return (stage, box);
        }

        var election = await ElectionStore.FindAsync(connection, null, electionId);
        box = new BallotBox(election!.Definition);
        if (!ElectionStages.Parse(stage).DefinitionEditable())
        {
            frozen.TryAdd(electionId, box);
        }

        return (stage, box);
    }

    /// <summary>
    /// The ballot box of an election whose definition is already known to be frozen, without touching the database;
    /// <see langword="null"/> when it is not cached yet. The stage may have moved on since (voting closed): writers
    /// check it again atomically.
    /// </summary>
    public BallotBox? FrozenBox(long electionId) => frozen.GetValueOrDefault(electionId);

    /// <summary>The panelist's current ballot, or <see langword="null"/>.</summary>
    public async Task<BallotView?> FindAsync(long electionId, string personId)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleOrDefaultAsync<(string Source, string Content, long Revision, string SubmittedAt)?>(
            "SELECT source, content, revision, submitted_at FROM ballots WHERE election_id = @electionId AND person_id = @personId",
            new { electionId, personId });
        return row is { } r
            ? new BallotView(JsonSerializer.Deserialize<BallotRequest>(r.Content, Json)!, r.Source, (int)r.Revision, r.SubmittedAt,
                Receipt(electionId, personId, (int)r.Revision, r.Content))
            : null;
    }

    /// <summary>How many active panelists there are and how many have a ballot, online and paper.</summary>
    public async Task<VoteCount> CountAsync(long electionId)
    {
        await using var connection = database.Open();
        var row = await connection.QuerySingleAsync<(long Panelists, long Voted, long Online, long Paper)>(
            """
            SELECT (SELECT COUNT(*) FROM panelists WHERE election_id = @electionId AND status = 'active'),
                   COUNT(*),
                   COALESCE(SUM(source = 'online'), 0),
                   COALESCE(SUM(source = 'paper'), 0)
            FROM ballots b
            WHERE b.election_id = @electionId
              AND EXISTS (SELECT 1 FROM panelists p WHERE p.election_id = b.election_id AND p.person_id = b.person_id AND p.status = 'active')
            """,
            new { electionId });
        return new VoteCount(electionId, row.Panelists, row.Voted, row.Online, row.Paper);
    }

    /// <summary>
    /// Stores every paper ballot in one transaction, after checking that each names an active panelist of the election
    /// and that the election accepts paper ballots (voting open or closed, not yet published). Returns the problems
    /// instead (nothing written): file, line and column for a row, or a sentence for the stage.
    /// </summary>
    public async Task<(IReadOnlyList<PaperBallotProblem> Problems, string? StageRefusal)> ImportPaperAsync(
        long electionId, string file, IReadOnlyList<(int Line, string PersonId, BallotRequest Ballot)> ballots, string actor)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var stage = await connection.QuerySingleAsync<string>("SELECT stage FROM elections WHERE id = @electionId", new { electionId }, transaction);
        if (stage != ElectionStage.VotingOpen.ToName() && stage != ElectionStage.VotingClosed.ToName())
        {
            return ([], $"The election is {stage}; paper ballots are entered while voting is open or after it closes, before publication.");
        }

        var active = (await connection.QueryAsync<string>(
            "SELECT person_id FROM panelists WHERE election_id = @electionId AND status = 'active'", new { electionId }, transaction))
            .ToHashSet(StringComparer.Ordinal);
        var problems = ballots.Where(b => !active.Contains(b.PersonId))
            .Select(b => new PaperBallotProblem(file, b.Line, PaperBallotReader.PersonColumn, $"'{b.PersonId}' is not an active panelist of this election."))
            .ToList();
        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var now = ElectionStore.Now();
        foreach (var (_, personId, ballot) in ballots)
        {
            await connection.QuerySingleAsync<long>(UpsertSql, Parameters(electionId, personId, "paper", ballot, now, ElectionStage.VotingClosed), transaction);
        }

        await ElectionStore.RecordAsync(connection, transaction, electionId, actor, $"imported {ballots.Count} paper ballots from {file}");
        transaction.Commit();
        return ([], null);
    }

    /// <summary>The parameters of <see cref="UpsertSql"/>; <paramref name="also"/> is a second stage that accepts the write.</summary>
    internal static object Parameters(long electionId, string personId, string source, BallotRequest ballot, string now, ElectionStage also) => new
    {
        ElectionId = electionId,
        PersonId = personId,
        Source = source,
        Content = JsonSerializer.Serialize(ballot, Json),
        Now = now,
        Open = ElectionStage.VotingOpen.ToName(),
        Also = also.ToName(),
    };

    /// <summary>The receipt code of a stored revision: the first 64 bits of SHA-256(election, person, revision, content), in hex groups.</summary>
    public static string Receipt(long electionId, string personId, int revision, string content)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{electionId}\n{personId}\n{revision}\n{content}")));
        var hex = Convert.ToHexString(hash, 0, 8);
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..12]}-{hex[12..16]}";
    }

    /// <summary>Why a write was refused: the election's stage or the panelist's status.</summary>
    internal static async Task<string> RefusalAsync(SqliteConnection connection, long electionId)
    {
        var stage = await connection.QuerySingleOrDefaultAsync<string>("SELECT stage FROM elections WHERE id = @electionId", new { electionId });
        return stage == ElectionStage.VotingOpen.ToName()
            ? "Your voting token is no longer active."
            : $"Voting is not open: the election is {stage}.";
    }
}
