using System.Threading.Channels;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Storage;
using Budgeting.Elections;
using Dapper;

namespace Budgeting.Api.Features.Ballots;

/// <summary>
/// Writes online ballots with group commit: submissions that arrive while a transaction is being made durable wait
/// and go into the next one together, so one fsync acknowledges many ballots. A submission's task completes only
/// after its transaction has committed (with <c>synchronous=FULL</c>), so every acknowledged ballot survives a crash.
/// </summary>
public sealed class BallotWriter : IAsyncDisposable
{
    /// <summary>The most ballots one transaction takes.</summary>
    public const int MaxBatch = 256;

    private readonly Database database;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    /// <summary>Starts the writer.</summary>
    public BallotWriter(Database database)
    {
        this.database = database;
        loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Stores the panelist's ballot (insert, or replace with revision + 1) if the election is voting-open and the
    /// panelist active. Returns the receipt, or a refusal sentence when the write was not allowed.
    /// </summary>
    public Task<(BallotReceipt? Receipt, string? Refusal)> SubmitAsync(long electionId, string personId, BallotRequest ballot)
    {
        var pending = new Pending(electionId, personId, ballot, new TaskCompletionSource<(BallotReceipt?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BallotWriter));
        }

        return pending.Done.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                var results = await WriteAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
#pragma warning disable CA1031 // a failed batch must fail its waiting requests, never the writer
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task<(BallotReceipt?, string?)[]> WriteAsync(List<Pending> batch)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var now = ElectionStore.Now();
        var revisions = new long?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            revisions[i] = await connection.QuerySingleOrDefaultAsync<long?>(
                BallotStore.UpsertSql, BallotStore.Parameters(p.ElectionId, p.PersonId, "online", p.Ballot, now, ElectionStage.VotingOpen), transaction)
                .ConfigureAwait(false);
        }

        transaction.Commit();
        var results = new (BallotReceipt?, string?)[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch[i];
            if (revisions[i] is { } revision)
            {
                var content = System.Text.Json.JsonSerializer.Serialize(p.Ballot, BallotStore.Json);
                results[i] = (new BallotReceipt(p.ElectionId, (int)revision, now, BallotStore.Receipt(p.ElectionId, p.PersonId, (int)revision, content)), null);
            }
            else
            {
                results[i] = (null, await BallotStore.RefusalAsync(connection, p.ElectionId).ConfigureAwait(false));
            }
        }

        return results;
    }

    private sealed record Pending(long ElectionId, string PersonId, BallotRequest Ballot, TaskCompletionSource<(BallotReceipt?, string?)> Done);
}
