namespace Budgeting.Sortition.Lottery;

/// <summary>One slot of <c>lottery.json</c>: a panel's member ids and the slot's probability.</summary>
/// <param name="Members">The members' ids, in the pool's order.</param>
/// <param name="Probability">The probability written for the slot (1/m in a well-formed lottery).</param>
public sealed record LotterySlot(IReadOnlyList<string> Members, double Probability);
