using System.Numerics;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Finds t* in [0, 1] at which the medians of each area's n reports and n + 1 phantoms add up to exactly 1, with
/// exact arithmetic only.
/// <para>
/// Each area's reports are sorted once, ascending, as integer amounts (a report's share is amount / budget, so the
/// common denominator lets amounts be compared directly). Candidate i = 0 … 2n − 1 of an area pairs phantom
/// k = ⌈i/2⌉ with the (⌊i/2⌋ + 1)-th smallest report r and "holds" at t when f_k(t) ≥ r; for every t the candidates
/// that hold are a prefix, of length c. The median is then phantom f_{c/2}(t) when c is even and the report
/// r_{(c−1)/2} when c is odd. The sum of the medians changes slope only where c changes, at the candidates'
/// crossing times; these are searched by a weighted median of the areas' middle candidates (each step discards at
/// least a quarter of the candidates left), and on the final piece, where every c is fixed, the sum is linear and
/// the equation sum = 1 is solved exactly.
/// </para>
/// </summary>
internal sealed class MovingPhantomSolver
{
    private readonly PhantomSystem system;
    private readonly long[][] sorted;
    private readonly int n;
    private readonly BigInteger budget;
    private readonly long denominator;
    private int segment;

    /// <param name="system">The phantoms.</param>
    /// <param name="sorted">Per area, the reported amounts in ascending order; each of length n ≥ 1.</param>
    /// <param name="budget">The budget: a report's share is amount / budget.</param>
    public MovingPhantomSolver(PhantomSystem system, long[][] sorted, long budget)
    {
        this.system = system;
        this.sorted = sorted;
        n = sorted[0].Length;
        this.budget = budget;
        denominator = system.Denominator(n);
    }

    /// <summary>The time t*, and per area the number c of candidates that hold at t* (see the class summary).</summary>
    public (Rational Time, int[] Counts, Rational[] Medians) Solve()
    {
        var breaks = system.Breaks;
        var counts = new int[sorted.Length];
        for (segment = 0; segment < breaks.Count - 1; segment++)
        {
            var start = breaks[segment];
            var end = breaks[segment + 1];
            if (segment == 0 && Compare(start, counts) == 0)
            {
                return Finish(start);
            }

            var atEnd = Compare(end, counts);
            if (atEnd < 0)
            {
                continue;
            }

            return atEnd == 0 ? Finish(end) : Search(start, end);
        }

        throw new InvalidOperationException("The medians never add up to 1; the phantoms are not a valid moving phantom system.");
    }

    private (Rational, int[], Rational[]) Search(Rational lo, Rational hi)
    {
        var m = sorted.Length;
        var low = new int[m];
        var high = new int[m];
        var (p, q) = (lo.Numerator, lo.Denominator);
        for (var j = 0; j < m; j++)
        {
            low[j] = Count(j, p, q, strict: false, 0, 2 * n);
        }

        (p, q) = (hi.Numerator, hi.Denominator);
        for (var j = 0; j < m; j++)
        {
            high[j] = Count(j, p, q, strict: true, low[j], 2 * n);
        }

        var counts = new int[m];
        var pivots = new List<(Rational Value, int Weight)>(m);
        while (true)
        {
            pivots.Clear();
            long total = 0;
            for (var j = 0; j < m; j++)
            {
                if (high[j] > low[j])
                {
                    pivots.Add((Crossing(j, (low[j] + high[j]) >> 1), high[j] - low[j]));
                    total += high[j] - low[j];
                }
            }

            if (pivots.Count == 0)
            {
                break;
            }

            pivots.Sort((x, y) => x.Value.CompareTo(y.Value));
            var pivot = pivots[^1].Value;
            long seen = 0;
            foreach (var (value, weight) in pivots)
            {
                seen += weight;
                if (2 * seen >= total)
                {
                    pivot = value;
                    break;
                }
            }

            (p, q) = (pivot.Numerator, pivot.Denominator);
            for (var j = 0; j < m; j++)
            {
                counts[j] = Count(j, p, q, strict: false, low[j], high[j]);
            }

            var sign = SumSign(counts, p, q);
            if (sign == 0)
            {
                return Finish(pivot);
            }

            if (sign < 0)
            {
                lo = pivot;
                Array.Copy(counts, low, m);
            }
            else
            {
                hi = pivot;
                for (var j = 0; j < m; j++)
                {
                    high[j] = Count(j, p, q, strict: true, low[j], high[j]);
                }
            }
        }

        // No crossing lies strictly between lo and hi: every area's median is the same report or the same phantom on
        // [lo, hi], so B·D·sum(t) = t·B·Σa + B·Σb + D·Σr, and sum(t) = 1 is linear in t.
        BigInteger slope = 0, constant = 0;
        for (var j = 0; j < m; j++)
        {
            if ((low[j] & 1) == 0)
            {
                var (a, b) = system.Line(n, segment, low[j] >> 1);
                slope += budget * a;
                constant += budget * b;
            }
            else
            {
                constant += (BigInteger)sorted[j][low[j] >> 1] * denominator;
            }
        }

        if (slope.IsZero)
        {
            throw new InvalidOperationException("The sum of the medians is flat on the final piece; this is a bug.");
        }

        return Finish(new Rational((budget * denominator) - constant, slope));
    }

    private (Rational, int[], Rational[]) Finish(Rational time)
    {
        var m = sorted.Length;
        var counts = new int[m];
        var medians = new Rational[m];
        var sum = Rational.Zero;
        for (var j = 0; j < m; j++)
        {
            counts[j] = Count(j, time.Numerator, time.Denominator, strict: false, 0, 2 * n);
            if ((counts[j] & 1) == 0)
            {
                var (a, b) = system.Line(n, segment, counts[j] >> 1);
                medians[j] = ((time * a) + b) / denominator;
            }
            else
            {
                medians[j] = new Rational(sorted[j][counts[j] >> 1], budget);
            }

            sum += medians[j];
        }

        if (sum != Rational.One)
        {
            throw new InvalidOperationException($"The medians add up to {sum} at t = {time}, not 1; this is a bug.");
        }

        return (time, counts, medians);
    }

    /// <summary>Fills <paramref name="counts"/> at <paramref name="time"/> and returns the sign of sum(t) − 1.</summary>
    private int Compare(Rational time, int[] counts)
    {
        for (var j = 0; j < sorted.Length; j++)
        {
            counts[j] = Count(j, time.Numerator, time.Denominator, strict: false, 0, 2 * n);
        }

        return SumSign(counts, time.Numerator, time.Denominator);
    }

    /// <summary>The sign of sum(t) − 1 at t = p/q, given each area's count at t.</summary>
    private int SumSign(int[] counts, BigInteger p, BigInteger q)
    {
        // sum(t)·B·D·q = Σ over phantom medians of B·(a·p + b·q) + Σ over report medians of r·D·q.
        var bp = budget * p;
        var bq = budget * q;
        var dq = denominator * q;
        BigInteger total = 0;
        for (var j = 0; j < sorted.Length; j++)
        {
            if ((counts[j] & 1) == 0)
            {
                var (a, b) = system.Line(n, segment, counts[j] >> 1);
                total += (a * bp) + (b * bq);
            }
            else
            {
                total += sorted[j][counts[j] >> 1] * dq;
            }
        }

        return total.CompareTo(budget * dq);
    }

    /// <summary>
    /// The number of candidates of <paramref name="area"/> that hold at t = p/q (strict: whose crossing time is
    /// before t), searched in [<paramref name="from"/>, <paramref name="to"/>), all below holding and all from
    /// <paramref name="to"/> on not.
    /// </summary>
    private int Count(int area, BigInteger p, BigInteger q, bool strict, int from, int to)
    {
        var bp = budget * p;
        var bq = budget * q;
        var dq = denominator * q;
        var reports = sorted[area];
        while (from < to)
        {
            var i = (from + to) >>> 1;
            var (a, b) = system.Line(n, segment, (i + 1) >> 1);
            var phantom = (a * bp) + (b * bq);      // B·D·q·f_k(t)
            var report = reports[i >> 1] * dq;      // B·D·q·r / B
            var holds = strict && a > 0 ? phantom > report : phantom >= report;
            if (holds)
            {
                from = i + 1;
            }
            else
            {
                to = i;
            }
        }

        return from;
    }

    /// <summary>The time at which candidate <paramref name="i"/> of <paramref name="area"/> starts to hold: (r·D − b·B)/(a·B).</summary>
    private Rational Crossing(int area, int i)
    {
        var (a, b) = system.Line(n, segment, (i + 1) >> 1);
        var r = sorted[area][i >> 1];
        return new Rational(((BigInteger)r * denominator) - (budget * b), budget * a);
    }
}
