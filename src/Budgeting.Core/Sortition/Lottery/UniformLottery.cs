namespace Budgeting.Sortition.Lottery;

/// <summary>
/// A uniform lottery over <see cref="Slots"/>.Count panel slots: drawing one slot uniformly at random selects its panel.
/// Panels may repeat; slots are ordered by panel (ascending person-index arrays compared lexicographically), so the
/// lottery is canonical for a given distribution.
/// </summary>
/// <param name="Algorithm">The algorithm of the distribution that was rounded.</param>
/// <param name="PanelSize">The number of people on every panel (k).</param>
/// <param name="Slots">The m slots, each a panel as an ascending array of person indices.</param>
/// <param name="Before">Each person's selection probability under the distribution before rounding (sum over panels).</param>
/// <param name="Selections">Each person's number of slots: their probability after rounding is this over m.</param>
/// <param name="Bound">
/// The proven bound on how far rounding moves a person's probability: every |after − before| is strictly less than it
/// ((k + 1) / m for <see cref="LotteryRounding"/>).
/// </param>
public sealed record UniformLottery(
    string Algorithm,
    int PanelSize,
    IReadOnlyList<int[]> Slots,
    IReadOnlyList<double> Before,
    IReadOnlyList<int> Selections,
    double Bound)
{
    /// <summary>The number of slots (m).</summary>
    public int M => Slots.Count;

    /// <summary>A person's probability after rounding: their slot count over m.</summary>
    public double After(int person) => (double)Selections[person] / M;

    /// <summary>The largest |after − before| over all people.</summary>
    public double MaxChange
    {
        get
        {
            var max = 0.0;
            for (var i = 0; i < Before.Count; i++)
            {
                max = Math.Max(max, Math.Abs(After(i) - Before[i]));
            }

            return max;
        }
    }
}
