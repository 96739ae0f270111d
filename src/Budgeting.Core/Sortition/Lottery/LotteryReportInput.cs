namespace Budgeting.Sortition.Lottery;

/// <summary>What the lottery report is made from: everything can be re-read from the lottery folder.</summary>
/// <param name="Pool">The pool the lottery was drawn from.</param>
/// <param name="Document">The lottery (<c>lottery.json</c>).</param>
/// <param name="LotterySha256">SHA-256 of <c>lottery.json</c>.</param>
/// <param name="Before">Each person's probability before rounding (<c>probabilities.csv</c>), by pool index.</param>
/// <param name="Population">The population shares, if given.</param>
/// <param name="Reveal">The reveal, once the seed is published.</param>
public sealed record LotteryReportInput(
    Pool Pool,
    LotteryDocument Document,
    string LotterySha256,
    IReadOnlyList<double> Before,
    PopulationShares? Population,
    RevealRecord? Reveal);
