namespace Budgeting.Elections;

/// <summary>
/// Where a run election stands in its life, from the official's first draft to the published result.
/// The stages only move forward, one step at a time (see <see cref="ElectionStages"/>).
/// </summary>
public enum ElectionStage
{
    /// <summary>Being set up: projects, budget, ballot type and rule may still change.</summary>
    Draft,

    /// <summary>The volunteer pool and the quotas (categories) are uploaded.</summary>
    PoolLoaded,

    /// <summary>The uniform lottery over panels is computed and its SHA-256 published; no seed exists yet.</summary>
    LotteryCommitted,

    /// <summary>The seed is revealed and the panel drawn from the committed lottery.</summary>
    PanelDrawn,

    /// <summary>Panelists may cast and change their ballots. The election's definition is frozen.</summary>
    VotingOpen,

    /// <summary>No more ballots are accepted; the result is not yet public.</summary>
    VotingClosed,

    /// <summary>The result and the audit bundle are public.</summary>
    Published,
}
