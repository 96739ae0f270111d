using System.Globalization;
using System.Text;
using System.Text.Json;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Hosting;
using Budgeting.Api.Security;
using Budgeting.Api.Storage;
using Budgeting.Elections;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Budgeting.Api.Features.Panel;

/// <summary>
/// The panel's life in the database: the uploaded pool, the committed and revealed lottery rounds, the panelists and
/// their voting tokens (hashes only). Every change runs in one write transaction that re-checks the election's stage,
/// so a refused or repeated request writes nothing. The lottery itself is computed by the Core
/// (<see cref="LotteryDraw"/>), exactly as <c>budgeting draw</c>, <c>reveal</c> and <c>replace</c> do.
/// </summary>
public sealed class PanelStore(Database database, LotteryGate gate, IOptions<PanelOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Validates and stores the pool (draft or pool-loaded), moving a draft election to pool-loaded.</summary>
    public async Task<Results<Ok<PoolView>, ProblemHttpResult>> UploadPoolAsync(
        long id, byte[] people, string peopleFile, byte[] categories, string categoriesFile, string? idColumn, string? addressColumns)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var election = await ElectionStore.FindAsync(connection, transaction, id);
        if (election is null)
        {
            return Problems.NoElection(id);
        }

        var stage = ElectionStages.Parse(election.Stage);
        if (stage is not (ElectionStage.Draft or ElectionStage.PoolLoaded))
        {
            return Problems.Conflict($"The election is {stage.ToName()}; the pool can only be uploaded while it is draft or pool-loaded (before the lottery is committed).");
        }

        var size = election.Definition.PanelSize;
        var columns = SplitColumns(addressColumns);
        var column = string.IsNullOrWhiteSpace(idColumn) ? null : idColumn.Trim();
        var inputs = new LotteryInputs(LotteryFile.Sha256(people), LotteryFile.Sha256(categories), null, column, columns);
        Pool pool;
        try
        {
            pool = LotteryDraw.LoadPool(people, peopleFile, categories, categoriesFile, size, inputs);
        }
        catch (SortitionInputException e)
        {
            return InputProblem(e);
        }

        var now = ElectionStore.Now();
        var poolOptions = new PoolOptions(peopleFile, categoriesFile, column, columns, size);
        await connection.ExecuteAsync(
            """
            INSERT INTO pools (election_id, people_csv, people_sha256, categories_csv, categories_sha256, options, uploaded_at)
            VALUES (@id, @people, @PeopleSha256, @categories, @CategoriesSha256, @Options, @now)
            ON CONFLICT (election_id) DO UPDATE SET
                people_csv = excluded.people_csv, people_sha256 = excluded.people_sha256,
                categories_csv = excluded.categories_csv, categories_sha256 = excluded.categories_sha256,
                options = excluded.options, uploaded_at = excluded.uploaded_at
            """,
            new { id, people, inputs.PeopleSha256, categories, inputs.CategoriesSha256, Options = JsonSerializer.Serialize(poolOptions, Json), now },
            transaction);
        await ElectionStore.RecordAsync(connection, transaction, id, Roles.Official,
            $"uploaded the pool: {pool.People.Count} people ({peopleFile}, SHA-256 {inputs.PeopleSha256}) and the categories ({categoriesFile}, SHA-256 {inputs.CategoriesSha256}) for a panel of {size}");
        if (stage == ElectionStage.Draft && await ElectionStore.AdvanceAsync(connection, transaction, id, ElectionStage.PoolLoaded, Roles.Official) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        transaction.Commit();
        return TypedResults.Ok(ToView(pool, poolOptions, inputs, now));
    }

    /// <summary>The stored pool's summary.</summary>
    public async Task<Results<Ok<PoolView>, ProblemHttpResult>> ReadPoolAsync(long id)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var stored = await LoadPoolAsync(connection, null, id);
        return stored is { } s ? TypedResults.Ok(ToView(s.Pool, s.Options, s.Inputs, s.UploadedAt)) : NoPool(id);
    }

    /// <summary>
    /// Computes the panel lottery from the stored pool (pool-loaded only), commits to it and moves the election to
    /// lottery-committed. Synchronous, bounded by <see cref="PanelOptions.LotteryTimeoutSeconds"/>; one computation per
    /// election at a time.
    /// </summary>
    public async Task<Results<Created<LotteryView>, ProblemHttpResult>> CommitLotteryAsync(long id, LotteryRequest request)
    {
        var algorithm = request.Algorithm?.Trim().ToLowerInvariant() ?? SelectionAlgorithms.Names[0];
        var slots = request.Panels ?? LotteryRounding.DefaultSlots;
        if (!gate.TryEnter(id))
        {
            return Busy(id);
        }

        var releaseLater = false;
        try
        {
            (Pool Pool, PoolOptions Options, LotteryInputs Inputs, string UploadedAt) stored;
            await using (var connection = database.Open())
            {
                var election = await ElectionStore.FindAsync(connection, null, id);
                if (election is null)
                {
                    return Problems.NoElection(id);
                }

                if (ElectionStages.CheckTransition(ElectionStages.Parse(election.Stage), ElectionStage.LotteryCommitted) is { } refusal)
                {
                    return Problems.Conflict(refusal);
                }

                if (await LoadPoolAsync(connection, null, id) is not { } s)
                {
                    return NoPool(id);
                }

                stored = s;
                if (election.Definition.PanelSize != stored.Options.PanelSize)
                {
                    // The panel size changed after the upload: check the quotas against the current one.
                    var raw = await connection.QuerySingleAsync<(byte[] People, byte[] Categories)>(
                        "SELECT people_csv, categories_csv FROM pools WHERE election_id = @id", new { id });
                    try
                    {
                        var pool = LotteryDraw.LoadPool(raw.People, stored.Options.PeopleFile, raw.Categories, stored.Options.CategoriesFile, election.Definition.PanelSize, stored.Inputs);
                        stored = (pool, stored.Options with { PanelSize = election.Definition.PanelSize }, stored.Inputs, stored.UploadedAt);
                    }
                    catch (SortitionInputException e)
                    {
                        return InputProblem(e);
                    }
                }
            }

            var (committed, infeasible, timedOut) = await ComputeBoundedAsync(id, () =>
            {
                var selection = LotteryDraw.Select(stored.Pool, stored.Options.PanelSize, algorithm);
                return selection.Distribution is { } distribution
                    ? (LotteryDraw.Commit(stored.Pool, distribution, stored.Inputs, stored.Options.PanelSize, slots), null)
                    : (null, selection.Infeasible ?? "no panel meets them.");
            });
            if (timedOut)
            {
                releaseLater = true;
                return TooLong();
            }

            if (committed is null)
            {
                return Problems.BadInput("the quotas are infeasible: " + infeasible);
            }

            await using var write = database.Open();
            await using var transaction = write.BeginTransaction();
            var current = await write.QuerySingleAsync<string>("SELECT stage FROM elections WHERE id = @id", new { id }, transaction);
            if (ElectionStages.CheckTransition(ElectionStages.Parse(current), ElectionStage.LotteryCommitted) is { } late)
            {
                return Problems.Conflict(late);
            }

            var now = ElectionStore.Now();
            await write.ExecuteAsync(
                """
                INSERT INTO lotteries (election_id, round, lottery_json, lottery_sha256, probabilities_csv, dropouts, committed_at)
                VALUES (@id, 0, @Json, @Sha256, @Probabilities, NULL, @now)
                """,
                new { id, committed.Json, committed.Sha256, committed.Probabilities, now },
                transaction);
            await write.ExecuteAsync(
                "UPDATE pools SET options = @Options WHERE election_id = @id",
                new { Options = JsonSerializer.Serialize(stored.Options, Json), id },
                transaction);
            await ElectionStore.RecordAsync(write, transaction, id, Roles.Official,
                $"committed the panel lottery ({committed.Document.Algorithm}, {committed.Document.M} slots of {committed.Document.Size} from {committed.Document.PoolSize} people): lottery.json SHA-256 {committed.Sha256}");
            await ElectionStore.AdvanceAsync(write, transaction, id, ElectionStage.LotteryCommitted, Roles.Official);
            transaction.Commit();
            var view = new LotteryView(0, committed.Sha256, committed.Document.Algorithm, committed.Document.M, committed.Document.Size, [], now, null, null, [], null);
            return TypedResults.Created($"/api/elections/{id}/lotteries/0", view);
        }
        finally
        {
            if (!releaseLater)
            {
                gate.Release(id);
            }
        }
    }

    /// <summary>
    /// Reveals the seed of lottery round 0 (lottery-committed only): checks the stored lottery against its hash, picks
    /// slot <c>SeededStream(seed).NextBelow(m)</c>, records the panel and moves the election to panel-drawn.
    /// </summary>
    public async Task<Results<Ok<LotteryView>, ProblemHttpResult>> RevealAsync(long id, string seed)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var election = await ElectionStore.FindAsync(connection, transaction, id);
        if (election is null)
        {
            return Problems.NoElection(id);
        }

        if (ElectionStages.CheckTransition(ElectionStages.Parse(election.Stage), ElectionStage.PanelDrawn) is { } refusal)
        {
            return Problems.Conflict(refusal);
        }

        var revealed = await RevealRoundAsync(connection, transaction, id, 0, seed);
        if (revealed.Result is Ok<LotteryView>)
        {
            await ElectionStore.AdvanceAsync(connection, transaction, id, ElectionStage.PanelDrawn, Roles.Official);
            transaction.Commit();
        }

        return revealed;
    }

    /// <summary>
    /// Commits a replacement round for <paramref name="request"/>'s dropouts (panel-drawn or voting-open; no other round
    /// waiting for its seed): computes the replacement lottery as <c>budgeting replace</c> does, stores it with its hash,
    /// and marks the dropouts dropped, which revokes their voting tokens.
    /// </summary>
    public async Task<Results<Created<LotteryView>, ProblemHttpResult>> CommitReplacementAsync(long id, ReplacementRequest request)
    {
        var slots = request.Panels ?? LotteryRounding.DefaultSlots;
        if (!gate.TryEnter(id))
        {
            return Busy(id);
        }

        var releaseLater = false;
        try
        {
            (Pool Pool, PoolOptions Options, LotteryInputs Inputs, string UploadedAt) stored;
            List<int> panel;
            List<int> dropped;
            string algorithm;
            int round;
            await using (var connection = database.Open())
            {
                if (await ReplacementRefusalAsync(connection, null, id) is { } refusal)
                {
                    return refusal;
                }

                if (await LoadPoolAsync(connection, null, id) is not { } s)
                {
                    return NoPool(id);
                }

                stored = s;
                (panel, dropped) = await PanelIndicesAsync(connection, null, id, stored.Pool);
                var first = await connection.QuerySingleAsync<byte[]>("SELECT lottery_json FROM lotteries WHERE election_id = @id AND round = 0", new { id });
                algorithm = LotteryFile.Parse(first).Algorithm;
                round = await connection.ExecuteScalarAsync<int>("SELECT MAX(round) + 1 FROM lotteries WHERE election_id = @id", new { id });
            }

            IReadOnlyList<int> dropouts;
            try
            {
                dropouts = LotteryDraw.Dropouts(stored.Pool, panel, request.Dropouts, stored.Options.PeopleFile, "'dropouts'");
            }
            catch (ArgumentException e)
            {
                return Problems.BadInput(e.Message);
            }

            var (committed, infeasible, timedOut) = await ComputeBoundedAsync(id, () =>
            {
                try
                {
                    return (LotteryDraw.CommitReplacement(stored.Pool, panel, dropouts, algorithm, stored.Inputs, slots, dropped).Committed, null);
                }
                catch (InfeasibleQuotasException e)
                {
                    return (null, e.Message);
                }
            });
            if (timedOut)
            {
                releaseLater = true;
                return TooLong();
            }

            if (committed is null)
            {
                return Problems.BadInput("no replacement set restores the quotas (its figures are the quotas left after the members who stay): " + infeasible);
            }

            await using var write = database.Open();
            await using var transaction = write.BeginTransaction();
            if (await ReplacementRefusalAsync(write, transaction, id) is { } late)
            {
                return late;
            }

            var (panelNow, _) = await PanelIndicesAsync(write, transaction, id, stored.Pool);
            if (!panelNow.SequenceEqual(panel))
            {
                return Problems.Conflict("The panel changed while the replacement lottery was computed; send the request again.");
            }

            var ids = dropouts.Select(d => stored.Pool.People[d].Id).ToList();
            var now = ElectionStore.Now();
            await write.ExecuteAsync(
                """
                INSERT INTO lotteries (election_id, round, lottery_json, lottery_sha256, probabilities_csv, dropouts, committed_at)
                VALUES (@id, @round, @Json, @Sha256, @Probabilities, @Dropouts, @now)
                """,
                new { id, round, committed.Json, committed.Sha256, committed.Probabilities, Dropouts = JsonSerializer.Serialize(ids, Json), now },
                transaction);
            await write.ExecuteAsync(
                "UPDATE panelists SET status = 'dropped', token_sha256 = NULL WHERE election_id = @id AND person_id = @PersonId",
                ids.Select(p => new { id, PersonId = p }),
                transaction);
            await ElectionStore.RecordAsync(write, transaction, id, Roles.Official,
                $"marked {string.Join(", ", ids)} as dropped out (their voting tokens no longer work) and committed replacement round {round} " +
                $"({committed.Document.Algorithm}, {committed.Document.M} slots of {committed.Document.Size}): lottery.json SHA-256 {committed.Sha256}");
            transaction.Commit();
            var view = new LotteryView(round, committed.Sha256, committed.Document.Algorithm, committed.Document.M, committed.Document.Size, ids, now, null, null, [], null);
            return TypedResults.Created($"/api/elections/{id}/lotteries/{round}", view);
        }
        finally
        {
            if (!releaseLater)
            {
                gate.Release(id);
            }
        }
    }

    /// <summary>Reveals the seed of replacement round <paramref name="round"/>, adding the chosen replacements to the panel.</summary>
    public async Task<Results<Ok<LotteryView>, ProblemHttpResult>> RevealReplacementAsync(long id, int round, string seed)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        if (await ElectionStore.FindAsync(connection, transaction, id) is not { } election)
        {
            return Problems.NoElection(id);
        }

        var stage = ElectionStages.Parse(election.Stage);
        if (stage is not (ElectionStage.PanelDrawn or ElectionStage.VotingOpen))
        {
            return Problems.Conflict($"The election is {stage.ToName()}; replacements are drawn only while it is panel-drawn or voting-open.");
        }

        if (round < 1)
        {
            return Problems.Conflict("Round 0 is the panel draw; reveal it with POST /api/elections/{id}/lottery/reveal.");
        }

        var revealed = await RevealRoundAsync(connection, transaction, id, round, seed);
        if (revealed.Result is Ok<LotteryView>)
        {
            transaction.Commit();
        }

        return revealed;
    }

    /// <summary>Every lottery round of the election, in order.</summary>
    public async Task<Results<Ok<IReadOnlyList<LotteryView>>, ProblemHttpResult>> ListLotteriesAsync(long id)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var rows = await connection.QueryAsync<(int Round, byte[] Json, string Sha256, string? Dropouts, string CommittedAt, string? Seed, long? ChosenIndex, string? RevealedAt)>(
            "SELECT round, lottery_json, lottery_sha256, dropouts, committed_at, seed, chosen_index, revealed_at FROM lotteries WHERE election_id = @id ORDER BY round",
            new { id });
        var views = rows.Select(r =>
        {
            var document = LotteryFile.Parse(r.Json);
            var chosen = r.ChosenIndex is { } c ? document.Panels[(int)c].Members : [];
            return new LotteryView(r.Round, r.Sha256, document.Algorithm, document.M, document.Size,
                r.Dropouts is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Dropouts, Json)!, r.CommittedAt, r.Seed,
                r.ChosenIndex is { } i ? (int)i : null, chosen, r.RevealedAt);
        }).ToList();
        return TypedResults.Ok<IReadOnlyList<LotteryView>>(views);
    }

    /// <summary>The bytes of round <paramref name="round"/>'s <c>lottery.json</c>, exactly as committed.</summary>
    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> LotteryFileAsync(long id, int round)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var json = await connection.QuerySingleOrDefaultAsync<byte[]>(
            "SELECT lottery_json FROM lotteries WHERE election_id = @id AND round = @round", new { id, round });
        return json is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such lottery round", detail: $"Election {id} has no lottery round {round}.")
            : TypedResults.File(json, "application/json", "lottery.json");
    }

    /// <summary>
    /// The panel draw's report (round 0), as <c>budgeting draw</c> and <c>reveal</c> write <c>report.md</c>: the quotas
    /// against the slots, each person's probability before and after rounding, and the chosen slot once revealed.
    /// </summary>
    public async Task<Results<ContentHttpResult, ProblemHttpResult>> ReportAsync(long id)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Json, string Sha256, byte[] Probabilities, string? Seed, long? ChosenIndex)?>(
            "SELECT lottery_json, lottery_sha256, probabilities_csv, seed, chosen_index FROM lotteries WHERE election_id = @id AND round = 0", new { id });
        if (row is not { } r || await LoadPoolAsync(connection, null, id) is not { } stored)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such lottery round", detail: $"Election {id} has no lottery round 0.");
        }

        var document = LotteryFile.Parse(r.Json);
        var reveal = r.Seed is { } seed && r.ChosenIndex is { } index ? new RevealRecord(seed, (int)index, r.Sha256) : null;
        var input = new LotteryReportInput(stored.Pool, document, r.Sha256, LotteryDraw.Before(stored.Pool, r.Probabilities), null, reveal);
        return TypedResults.Text(LotteryReport.ToMarkdown(input), "text/markdown", Encoding.UTF8);
    }

    /// <summary>The panel: every person drawn, active or dropped, in draw order.</summary>
    public async Task<Results<Ok<IReadOnlyList<PanelistView>>, ProblemHttpResult>> ListPanelAsync(long id)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var rows = await connection.QueryAsync<(string PersonId, string Pseudonym, int Round, string Status, long HasToken)>(
            "SELECT person_id, pseudonym, round, status, token_sha256 IS NOT NULL FROM panelists WHERE election_id = @id ORDER BY round, rowid",
            new { id });
        return TypedResults.Ok<IReadOnlyList<PanelistView>>(rows.Select(r => new PanelistView(r.PersonId, r.Pseudonym, r.Round, r.Status, r.HasToken != 0)).ToList());
    }

    /// <summary>
    /// Issues voting tokens to every active panelist who has none yet (panel-drawn or voting-open) and answers them as a
    /// CSV for a mail merge: the only time the tokens are ever shown. 409 when every active panelist already has one.
    /// </summary>
    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> IssueTokensAsync(long id, string baseUrl)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        if (await TokenRefusalAsync(connection, transaction, id) is { } refusal)
        {
            return refusal;
        }

        var waiting = (await connection.QueryAsync<string>(
            "SELECT person_id FROM panelists WHERE election_id = @id AND status = 'active' AND token_sha256 IS NULL ORDER BY round, rowid",
            new { id }, transaction)).ToList();
        if (waiting.Count == 0)
        {
            return Problems.Conflict(
                "Every active panelist already has a voting token, and tokens are shown only once. " +
                $"To replace a lost token, re-issue it: POST /api/elections/{id}/tokens/reissue.");
        }

        var csv = await WriteTokensAsync(connection, transaction, id, waiting, baseUrl);
        await ElectionStore.RecordAsync(connection, transaction, id, Roles.Official, $"issued voting tokens to {waiting.Count} panelists: {string.Join(", ", waiting)}");
        transaction.Commit();
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"election-{id}-tokens.csv");
    }

    /// <summary>Replaces the voting tokens of the named active panelists (their old tokens stop working) and answers the new ones as CSV.</summary>
    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReissueTokensAsync(long id, IReadOnlyList<string> personIds, string baseUrl)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        if (await TokenRefusalAsync(connection, transaction, id) is { } refusal)
        {
            return refusal;
        }

        var active = (await connection.QueryAsync<string>(
            "SELECT person_id FROM panelists WHERE election_id = @id AND status = 'active'", new { id }, transaction)).ToHashSet(StringComparer.Ordinal);
        if (personIds.FirstOrDefault(p => !active.Contains(p)) is { } stranger)
        {
            return Problems.BadInput($"'Person Ids': {stranger} is not an active panelist of election {id}.");
        }

        var csv = await WriteTokensAsync(connection, transaction, id, personIds, baseUrl);
        await ElectionStore.RecordAsync(connection, transaction, id, Roles.Official, $"re-issued the voting tokens of {string.Join(", ", personIds)} (their old tokens no longer work)");
        transaction.Commit();
        return TypedResults.File(csv, "text/csv; charset=utf-8", $"election-{id}-tokens.csv");
    }

    /// <summary>The election's audit trail, oldest first.</summary>
    public async Task<Results<Ok<IReadOnlyList<EventView>>, ProblemHttpResult>> ListEventsAsync(long id)
    {
        await using var connection = database.Open();
        if (await ElectionStore.FindAsync(connection, null, id) is null)
        {
            return Problems.NoElection(id);
        }

        var rows = await connection.QueryAsync<(long Id, string At, string Actor, string What)>(
            "SELECT id, at, actor, what FROM events WHERE election_id = @id ORDER BY id", new { id });
        return TypedResults.Ok<IReadOnlyList<EventView>>(rows.Select(r => new EventView(r.Id, r.At, r.Actor, r.What)).ToList());
    }

    /// <summary>Reveals a round inside <paramref name="transaction"/>; the caller commits when the answer is Ok.</summary>
    private static async Task<Results<Ok<LotteryView>, ProblemHttpResult>> RevealRoundAsync(SqliteConnection connection, SqliteTransaction transaction, long id, int round, string seed)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Json, string Sha256, string? Dropouts, string CommittedAt, string? Seed)?>(
            "SELECT lottery_json, lottery_sha256, dropouts, committed_at, seed FROM lotteries WHERE election_id = @id AND round = @round",
            new { id, round }, transaction);
        if (row is not { } r)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such lottery round", detail: $"Election {id} has no lottery round {round}.");
        }

        if (r.Seed is not null)
        {
            return Problems.Conflict($"Lottery round {round} was already revealed with the seed '{r.Seed}'.");
        }

        if (LotteryFile.Sha256(r.Json) != r.Sha256)
        {
            throw new InvalidOperationException($"The stored lottery.json of election {id}, round {round}, does not match its committed SHA-256.");
        }

        if (await LoadPoolAsync(connection, transaction, id) is not { } stored)
        {
            return NoPool(id);
        }

        var document = LotteryFile.Parse(r.Json);
        var index = PanelChoice.Index(seed, document.M);
        var chosen = LotteryDraw.Members(stored.Pool, document, index).Order().Select(i => stored.Pool.People[i].Id).ToList();
        var now = ElectionStore.Now();
        await connection.ExecuteAsync(
            "UPDATE lotteries SET seed = @seed, chosen_index = @index, revealed_at = @now WHERE election_id = @id AND round = @round",
            new { seed, index, now, id, round }, transaction);
        var pseudonyms = (await connection.QueryAsync<string>("SELECT pseudonym FROM panelists WHERE election_id = @id", new { id }, transaction))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var person in chosen)
        {
            string pseudonym;
            do
            {
                pseudonym = "panelist-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5));
            }
            while (!pseudonyms.Add(pseudonym));

            await connection.ExecuteAsync(
                "INSERT INTO panelists (election_id, person_id, pseudonym, round, status, token_sha256) VALUES (@id, @person, @pseudonym, @round, 'active', NULL)",
                new { id, person, pseudonym, round }, transaction);
        }

        var what = round == 0 ? "the panel" : $"replacements for round {round}";
        await ElectionStore.RecordAsync(connection, transaction, id, Roles.Official,
            $"revealed the seed '{seed}' of lottery round {round} (SHA-256 {r.Sha256}): slot {index} of {document.M} chose {what}: {string.Join(", ", chosen)}");
        return TypedResults.Ok(new LotteryView(round, r.Sha256, document.Algorithm, document.M, document.Size,
            r.Dropouts is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Dropouts, Json)!, r.CommittedAt, seed, index, chosen, now));
    }

    private static async Task<ProblemHttpResult?> ReplacementRefusalAsync(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        if (await ElectionStore.FindAsync(connection, transaction, id) is not { } election)
        {
            return Problems.NoElection(id);
        }

        var stage = ElectionStages.Parse(election.Stage);
        if (stage is not (ElectionStage.PanelDrawn or ElectionStage.VotingOpen))
        {
            return Problems.Conflict($"The election is {stage.ToName()}; dropouts are replaced only while it is panel-drawn or voting-open.");
        }

        var pending = await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT round FROM lotteries WHERE election_id = @id AND seed IS NULL ORDER BY round LIMIT 1", new { id }, transaction);
        return pending is { } p
            ? Problems.Conflict($"Replacement round {p} is committed but its seed is not revealed yet; reveal it (POST /api/elections/{id}/replacements/{p}/reveal) before replacing more dropouts.")
            : null;
    }

    private static async Task<ProblemHttpResult?> TokenRefusalAsync(SqliteConnection connection, SqliteTransaction transaction, long id)
    {
        if (await ElectionStore.FindAsync(connection, transaction, id) is not { } election)
        {
            return Problems.NoElection(id);
        }

        var stage = ElectionStages.Parse(election.Stage);
        return stage is ElectionStage.PanelDrawn or ElectionStage.VotingOpen
            ? null
            : Problems.Conflict($"The election is {stage.ToName()}; voting tokens are issued only while it is panel-drawn or voting-open.");
    }

    private static async Task<(List<int> Panel, List<int> Dropped)> PanelIndicesAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, Pool pool)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            index.TryAdd(pool.People[i].Id, i);
        }

        var rows = await connection.QueryAsync<(string PersonId, string Status)>(
            "SELECT person_id, status FROM panelists WHERE election_id = @id", new { id }, transaction);
        var panel = new List<int>();
        var dropped = new List<int>();
        foreach (var (person, status) in rows)
        {
            (status == "active" ? panel : dropped).Add(index[person]);
        }

        panel.Sort();
        dropped.Sort();
        return (panel, dropped);
    }

    // Runs a lottery computation off the request thread and waits at most Budgeting:LotteryTimeoutSeconds. On a timeout
    // the solver cannot be cancelled, so the election's gate stays held until the computation ends; TimedOut says so.
    private async Task<(CommittedLottery? Committed, string? Infeasible, bool TimedOut)> ComputeBoundedAsync(
        long id, Func<(CommittedLottery?, string?)> compute)
    {
        var work = Task.Run(compute);
        try
        {
            var (committed, infeasible) = await work.WaitAsync(TimeSpan.FromSeconds(options.Value.LotteryTimeoutSeconds));
            return (committed, infeasible, false);
        }
        catch (TimeoutException)
        {
            _ = work.ContinueWith(_ => gate.Release(id), TaskScheduler.Default);
            return (null, null, true);
        }
    }

    private static async Task<byte[]> WriteTokensAsync(SqliteConnection connection, SqliteTransaction transaction, long id, IReadOnlyList<string> personIds, string baseUrl)
    {
        var stored = await LoadPoolAsync(connection, transaction, id)
            ?? throw new InvalidOperationException($"Election {id} has panelists but no pool.");
        var byId = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var person in stored.Pool.People)
        {
            byId.TryAdd(person.Id, person);
        }

        var columns = stored.Pool.Columns ?? [];
        var keep = Enumerable.Range(0, columns.Count)
            .Where(c => stored.Options.IdColumn is null || !string.Equals(columns[c].Trim(), stored.Options.IdColumn, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var text = new StringBuilder();
        text.Append(string.Join(',', new[] { "person_id", "pseudonym", "token", "ballot_url" }.Concat(keep.Select(c => columns[c])).Select(CsvField))).Append('\n');
        foreach (var person in personIds)
        {
            var token = Secrets.Create();
            await connection.ExecuteAsync(
                "UPDATE panelists SET token_sha256 = @Hash WHERE election_id = @id AND person_id = @person",
                new { Hash = Secrets.Hash(token), id, person }, transaction);
            var pseudonym = await connection.QuerySingleAsync<string>(
                "SELECT pseudonym FROM panelists WHERE election_id = @id AND person_id = @person", new { id, person }, transaction);
            var fields = byId.TryGetValue(person, out var row) && row.Fields is { } f ? f : [];
            var cells = new[] { person, pseudonym, token, $"{baseUrl}/vote/#t={token}" }
                .Concat(keep.Select(c => NoFormula(c < fields.Count ? fields[c] : "")));
            text.Append(string.Join(',', cells.Select(CsvField))).Append('\n');
        }

        return Utf8.GetBytes(text.ToString());
    }

    private static async Task<(Pool Pool, PoolOptions Options, LotteryInputs Inputs, string UploadedAt)?> LoadPoolAsync(SqliteConnection connection, SqliteTransaction? transaction, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(byte[] People, string PeopleSha256, byte[] Categories, string CategoriesSha256, string Options, string UploadedAt)?>(
            "SELECT people_csv, people_sha256, categories_csv, categories_sha256, options, uploaded_at FROM pools WHERE election_id = @id",
            new { id }, transaction);
        if (row is not { } r)
        {
            return null;
        }

        var options = JsonSerializer.Deserialize<PoolOptions>(r.Options, Json)!;
        var inputs = new LotteryInputs(r.PeopleSha256, r.CategoriesSha256, null, options.IdColumn, options.AddressColumns);
        var pool = LotteryDraw.LoadPool(r.People, options.PeopleFile, r.Categories, options.CategoriesFile, options.PanelSize, inputs);
        return (pool, options, inputs, r.UploadedAt);
    }

    private static PoolView ToView(Pool pool, PoolOptions options, LotteryInputs inputs, string uploadedAt) =>
        new(pool.People.Count, options.PanelSize, options.PeopleFile, inputs.PeopleSha256, options.CategoriesFile, inputs.CategoriesSha256,
            options.IdColumn, options.AddressColumns,
            pool.Features.ToDictionary(
                f => f.Name,
                f => (IReadOnlyList<string>)f.Values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Name} {v.Min}..{v.Max}")).ToList(),
                StringComparer.Ordinal),
            uploadedAt);

    /// <summary>400 listing every problem of the uploaded files, each as the CLI prints it (<c>FILE:LINE: column 'FIELD': MESSAGE</c>).</summary>
    private static ProblemHttpResult InputProblem(SortitionInputException e) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The input is not valid",
            detail: string.Join("\n", e.Problems.Select(p => p.ToString())),
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = e.Problems.Select(p => new { file = p.File, line = p.Line, field = p.Field, message = p.Message }).ToList(),
            });

    private static ProblemHttpResult NoPool(long id) =>
        Problems.Conflict($"Election {id} has no pool yet; upload the people and categories CSV first (PUT /api/elections/{id}/pool).");

    private static ProblemHttpResult Busy(long id) =>
        Problems.Conflict($"A lottery for election {id} is already being computed; wait for it to finish, then read GET /api/elections/{id}/lotteries.");

    private ProblemHttpResult TooLong() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The lottery took too long",
            detail: $"Computing the lottery took longer than {options.Value.LotteryTimeoutSeconds} s (Budgeting:LotteryTimeoutSeconds); nothing was committed. " +
                    "Raise the limit, or compute it with budgeting draw.");

    private static IReadOnlyList<string> SplitColumns(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // The volunteers' own fields go to a mail merge, usually through a spreadsheet: a cell that starts like a formula
    // (=, +, -, @, tab or carriage return) is prefixed with an apostrophe so that the spreadsheet shows it as text and
    // never runs it (CSV injection). The service's own cells (ids, tokens, links) are left exactly as they are.
    private static string NoFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
