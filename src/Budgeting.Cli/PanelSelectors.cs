using Budgeting.Sortition;

namespace Budgeting.Cli;

/// <summary>The selection algorithms <c>draw</c> runs.</summary>
internal static class PanelSelectors
{
    /// <summary>
    /// The production selector: the sortition engine's feasibility check and its leximin, maximin and legacy algorithms.
    /// </summary>
    public static SelectionResult Default(Pool pool, int size, string algorithm) =>
        throw new NotSupportedException($"the {algorithm} algorithm is not available in this build yet");
}
