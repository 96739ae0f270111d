using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Piecewise Uniform's phantoms (Caragiannis, Christodoulou, Protopapas 2022), written for phantom k at position
/// j/n with j = n − k (docs/rules.md gives the definition and where it was read):
/// for t ≤ 1/2, f = 2t·max(0, 2j − n)/n (the lower half of the phantoms at 0, the upper half spread evenly over [0, 2t]);
/// for t ≥ 1/2, f = j·(2t − 1)/n when 2j ≤ n and f = 1 − (n − j)·(3 − 2t)/n when 2j ≥ n (the lower half spread
/// evenly over [0, t − 1/2], the upper half over [t − 1/2, 1]). At t = 1 the phantoms are the uniform j/n.
/// </summary>
internal sealed class PiecewiseUniformPhantoms : PhantomSystem
{
    private static readonly Rational[] Segments = [Rational.Zero, new Rational(1, 2), Rational.One];

    public static PiecewiseUniformPhantoms Instance { get; } = new();

    public override IReadOnlyList<Rational> Breaks => Segments;

    public override long Denominator(int n) => n;

    public override (long A, long B) Line(int n, int segment, int k)
    {
        long j = n - k;
        if (segment == 0)
        {
            return (2 * Math.Max(0, (2 * j) - n), 0);
        }

        // (2(n − j)·t + 3j − 2n)/n = 1 − (n − j)(3 − 2t)/n for the upper half; (2j·t − j)/n for the lower half.
        return 2 * j <= n ? (2 * j, -j) : (2 * (n - j), (3 * j) - (2 * n));
    }
}
