namespace Budgeting.Sortition.Lottery;

/// <summary>The content of <c>lottery.json</c>: the committed lottery and what it was drawn from.</summary>
/// <param name="Algorithm">The selection algorithm (leximin, maximin, legacy).</param>
/// <param name="Size">The panel size k.</param>
/// <param name="Rounding">The rounding method's name (<c>beck-fiala</c>).</param>
/// <param name="Bound">The proven bound on each person's probability change by rounding.</param>
/// <param name="MaxChange">The largest change by rounding, over all people.</param>
/// <param name="PoolSize">The number of people in the pool.</param>
/// <param name="ProbabilitiesSha256">SHA-256 of <c>probabilities.csv</c>, which the lottery thereby commits to as well.</param>
/// <param name="Inputs">The input files' hashes and the reading options.</param>
/// <param name="Features">The features and their quotas, as read.</param>
/// <param name="Panels">The m slots, each the ids of its members in pool order, and its probability (1/m).</param>
/// <param name="Replacement">For a replacement round's lottery, what the round commits to; null for the draw's lottery.
/// The slots are then replacement sets of <paramref name="Size"/> (the number of dropouts), and <paramref name="Features"/>
/// keeps the original quotas, which the members who stay together with any slot meet.</param>
public sealed record LotteryDocument(
    string Algorithm,
    int Size,
    string Rounding,
    double Bound,
    double MaxChange,
    int PoolSize,
    string ProbabilitiesSha256,
    LotteryInputs Inputs,
    IReadOnlyList<Feature> Features,
    IReadOnlyList<LotterySlot> Panels,
    ReplacementRound? Replacement = null)
{
    /// <summary>The number of slots (m).</summary>
    public int M => Panels.Count;
}
