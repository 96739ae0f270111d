namespace Budgeting.Sortition.Selection;

/// <summary>How <see cref="PanelModel"/> states the quotas.</summary>
internal enum QuotaMode
{
    /// <summary>Every quota must hold.</summary>
    Hard,

    /// <summary>Each quota bound holds only when its literal is true (for naming the quotas in conflict).</summary>
    Switchable,

    /// <summary>Each bound may be moved, within min_flex/max_flex, by a slack variable (for the smallest relaxation).</summary>
    Relaxable,
}
