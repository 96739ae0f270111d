namespace Budgeting.Sortition.Selection;

/// <summary>A panel selection algorithm: from a pool and a panel size, a probability distribution over valid panels.</summary>
public interface ISelectionAlgorithm
{
    /// <summary>The algorithm's name (leximin, maximin, legacy).</summary>
    string Name { get; }

    /// <summary>
    /// The distribution over panels of size <paramref name="panelSize"/>, every one meeting all quotas and the
    /// one-per-household rule. Deterministic: the same pool gives the same distribution.
    /// </summary>
    /// <exception cref="InfeasibleQuotasException">No panel meets the quotas.</exception>
    PanelDistribution Select(Pool pool, int panelSize);
}
