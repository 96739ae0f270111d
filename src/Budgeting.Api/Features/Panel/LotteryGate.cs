using System.Collections.Concurrent;

namespace Budgeting.Api.Features.Panel;

/// <summary>
/// At most one lottery computation per election at a time: a second request (a double-click) while one runs is
/// refused at once instead of computing a second lottery.
/// </summary>
public sealed class LotteryGate
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> gates = new();

    /// <summary>Takes the election's gate if it is free; the caller releases it with <see cref="Release"/>.</summary>
    public bool TryEnter(long electionId) => gates.GetOrAdd(electionId, _ => new SemaphoreSlim(1, 1)).Wait(0);

    /// <summary>Releases the election's gate.</summary>
    public void Release(long electionId) => gates[electionId].Release();
}
