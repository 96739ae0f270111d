using System.Globalization;
using System.Numerics;

namespace Budgeting.Arithmetic;

/// <summary>
/// An exact fraction of two integers, always in lowest terms with a positive denominator.
/// Rules that need fractions (payments in Equal Shares, loads in Phragmén) use this type so that
/// every comparison is exact and every run gives the same answer on every machine.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>, IComparable
{
    private readonly BigInteger numerator;
    private readonly BigInteger denominatorMinusOne;

    private Rational(BigInteger numerator, BigInteger denominator, bool normalized)
    {
        if (!normalized)
        {
            if (denominator.IsZero)
            {
                throw new DivideByZeroException("A rational cannot have a zero denominator.");
            }

            if (denominator.Sign < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsOne && !gcd.IsZero)
            {
                numerator /= gcd;
                denominator /= gcd;
            }

            if (numerator.IsZero)
            {
                denominator = BigInteger.One;
            }
        }

        this.numerator = numerator;
        denominatorMinusOne = denominator - BigInteger.One;
    }

    /// <summary>Creates <paramref name="numerator"/>/<paramref name="denominator"/>, reduced to lowest terms.</summary>
    /// <exception cref="DivideByZeroException">The denominator is zero.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
        : this(numerator, denominator, normalized: false)
    {
    }

    /// <summary>Zero.</summary>
    public static Rational Zero => default;

    /// <summary>One.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One, normalized: true);

    /// <summary>The numerator, in lowest terms; carries the sign.</summary>
    public BigInteger Numerator => numerator;

    /// <summary>The denominator, in lowest terms; always positive.</summary>
    public BigInteger Denominator => denominatorMinusOne + BigInteger.One;

    /// <summary>-1, 0 or 1 as the value is negative, zero or positive.</summary>
    public int Sign => numerator.Sign;

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => numerator.IsZero;

    /// <summary>The integer <paramref name="value"/>.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One, normalized: true);

    /// <summary>The integer <paramref name="value"/>.</summary>
    public static Rational FromInteger(BigInteger value) => new(value, BigInteger.One, normalized: true);

#pragma warning disable CS1591 // Operators are self-describing.
    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator
            ? new Rational(a.numerator + b.numerator, a.Denominator)
            : new Rational((a.numerator * b.Denominator) + (b.numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) =>
        a.Denominator == b.Denominator
            ? new Rational(a.numerator - b.numerator, a.Denominator)
            : new Rational((a.numerator * b.Denominator) - (b.numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.numerator, a.Denominator, normalized: true);

    public static Rational operator *(Rational a, Rational b) => new(a.numerator * b.numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => new(a.numerator * b.Denominator, a.Denominator * b.numerator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;
#pragma warning restore CS1591

    /// <summary>The smaller of two values.</summary>
    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    /// <summary>The largest integer not above this value.</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - BigInteger.One : quotient;
    }

    /// <summary>The smallest integer not below this value.</summary>
    public BigInteger Ceiling() => -(-this).Floor();

    /// <summary>The nearest double; for display only, never for decisions.</summary>
    public double ToDouble() => (double)numerator / (double)Denominator;

    /// <inheritdoc/>
    public int CompareTo(Rational other)
    {
        if (Denominator == other.Denominator)
        {
            return numerator.CompareTo(other.numerator);
        }

        return (numerator * other.Denominator).CompareTo(other.numerator * Denominator);
    }

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj is Rational r ? CompareTo(r) : throw new ArgumentException("Not a Rational.", nameof(obj));

    /// <inheritdoc/>
    public bool Equals(Rational other) => numerator == other.numerator && denominatorMinusOne == other.denominatorMinusOne;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(numerator, denominatorMinusOne);

    /// <summary>"p/q", or "p" when the denominator is 1, in invariant culture.</summary>
    public override string ToString() =>
        denominatorMinusOne.IsZero
            ? numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{numerator}/{Denominator}");

    /// <summary>Parses "p/q" or "p".</summary>
    /// <exception cref="FormatException">The text is not a fraction of integers.</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? FromInteger(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            : new Rational(
                BigInteger.Parse(text.AsSpan(0, slash), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                BigInteger.Parse(text.AsSpan(slash + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }
}
