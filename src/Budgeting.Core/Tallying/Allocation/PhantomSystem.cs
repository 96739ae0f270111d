using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// The phantoms of a moving phantom mechanism for n panelists: n + 1 functions f_0(t) ≥ f_1(t) ≥ … ≥ f_n(t) of
/// t in [0, 1], each continuous and nondecreasing. [0, 1] is cut into segments (<see cref="Breaks"/>) on each of
/// which every phantom is linear: f_k(t) = (a·t + b) / D with integers a ≥ 0, b and D > 0.
/// </summary>
internal abstract class PhantomSystem
{
    /// <summary>The segment boundaries, from 0 to 1.</summary>
    public abstract IReadOnlyList<Rational> Breaks { get; }

    /// <summary>The common denominator D of every phantom for <paramref name="n"/> panelists.</summary>
    public abstract long Denominator(int n);

    /// <summary>Phantom k's coefficients (a, b) on <paramref name="segment"/>, for <paramref name="n"/> panelists.</summary>
    public abstract (long A, long B) Line(int n, int segment, int k);
}
