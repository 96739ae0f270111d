using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Independent Markets' phantoms f_k(t) = min(t·(n − k), 1) (Freeman, Pennock, Peters, Wortman Vaughan 2021).
/// The cap at 1 never decides a median: a phantom is the median only while it is below a report, and reports are
/// at most 1. So the phantoms are used uncapped, f_k(t) = t·(n − k), one linear segment.
/// </summary>
internal sealed class IndependentMarketsPhantoms : PhantomSystem
{
    private static readonly Rational[] Segments = [Rational.Zero, Rational.One];

    public static IndependentMarketsPhantoms Instance { get; } = new();

    public override IReadOnlyList<Rational> Breaks => Segments;

    public override long Denominator(int n) => 1;

    public override (long A, long B) Line(int n, int segment, int k) => (n - k, 0);
}
