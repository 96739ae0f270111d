using Google.OrTools.Sat;

namespace Budgeting.Sortition.Selection;

/// <summary>The CP-SAT parameters every sortition model is solved with: one worker and a fixed seed, so results are deterministic.</summary>
internal static class SolverSettings
{
    /// <summary>CP-SAT parameters: a single search worker, random seed 0, no wall-clock limit (a wall-clock limit would make results depend on the machine's speed).</summary>
    public const string CpSat = "num_workers:1,random_seed:0,linearization_level:2";

    /// <summary>A new CP-SAT solver with <see cref="CpSat"/> parameters.</summary>
    public static CpSolver NewSolver() => new() { StringParameters = CpSat };
}
