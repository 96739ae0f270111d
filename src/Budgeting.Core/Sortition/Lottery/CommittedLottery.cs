namespace Budgeting.Sortition.Lottery;

/// <summary>
/// A lottery ready to be committed to: its slots, the canonical <c>lottery.json</c> bytes and their SHA-256 (the hash
/// published before any seed exists), and the <c>probabilities.csv</c> bytes the lottery commits to.
/// </summary>
/// <param name="Lottery">The uniform lottery (slots as person indices into the pool).</param>
/// <param name="Document">The <c>lottery.json</c> content.</param>
/// <param name="Json">The canonical bytes of <c>lottery.json</c> (<see cref="LotteryFile.Write"/>).</param>
/// <param name="Sha256">SHA-256 of <see cref="Json"/>, lower-case hex.</param>
/// <param name="Probabilities">The bytes of <c>probabilities.csv</c> (each person's probability before rounding).</param>
public sealed record CommittedLottery(UniformLottery Lottery, LotteryDocument Document, byte[] Json, string Sha256, byte[] Probabilities);
