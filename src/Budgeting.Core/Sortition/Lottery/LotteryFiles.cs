namespace Budgeting.Sortition.Lottery;

/// <summary>The files of a lottery folder as an auditor reads them; null when a file is missing.</summary>
/// <param name="LotteryJson">The bytes of <c>lottery.json</c>.</param>
/// <param name="HashText">The text of <c>lottery.sha256</c>.</param>
/// <param name="ProbabilitiesCsv">The bytes of <c>probabilities.csv</c>.</param>
/// <param name="Reveal">The parsed <c>reveal.json</c>.</param>
public sealed record LotteryFiles(byte[]? LotteryJson, string? HashText, byte[]? ProbabilitiesCsv, RevealRecord? Reveal);
