namespace Budgeting.Audit;

/// <summary>One lottery round of an election as the audit bundle publishes it: round 0 draws the panel, rounds 1, 2, … replace dropouts.</summary>
/// <param name="Round">The round number.</param>
/// <param name="LotteryJson">The committed <c>lottery.json</c>, byte for byte.</param>
/// <param name="LotterySha256">The SHA-256 published when the lottery was committed (lower-case hex).</param>
/// <param name="Seed">The seed revealed after the commitment.</param>
/// <param name="ChosenIndex">The slot the seed chose.</param>
/// <param name="Dropouts">For replacement rounds, the pool ids of the panel members who dropped out; empty for round 0.</param>
public sealed record AuditRound(int Round, byte[] LotteryJson, string LotterySha256, string Seed, int ChosenIndex, IReadOnlyList<string> Dropouts);
