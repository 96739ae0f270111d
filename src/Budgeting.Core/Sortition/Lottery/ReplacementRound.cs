namespace Budgeting.Sortition.Lottery;

/// <summary>
/// What a replacement lottery commits to besides its slots (the <c>"replacement"</c> object of a round's
/// <c>lottery.json</c>): which round it is, the panel it changes, the dropouts and the people it may not draw. Its hash is
/// published before the round's seed, so none of these can be changed once the seed is known.
/// </summary>
/// <param name="Number">The round, from 1.</param>
/// <param name="PanelSha256">SHA-256 of the panel the round changes, as CSV rows (the draw's <c>selected.csv</c> for round 1,
/// the previous round's <c>panel.csv</c> after that).</param>
/// <param name="Dropouts">The ids of the members who dropped out, in the order given.</param>
/// <param name="DropoutsSha256">SHA-256 of the round's <c>dropouts.csv</c> (<see cref="DropoutsFile.Write"/> of <paramref name="Dropouts"/>).</param>
/// <param name="Excluded">The ids of earlier rounds' dropouts, who may not be drawn again, in pool order.</param>
public sealed record ReplacementRound(
    int Number,
    string PanelSha256,
    IReadOnlyList<string> Dropouts,
    string DropoutsSha256,
    IReadOnlyList<string> Excluded);
