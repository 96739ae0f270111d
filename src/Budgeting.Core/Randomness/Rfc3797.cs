using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Budgeting.Randomness;

/// <summary>
/// The selection algorithm of RFC 3797 (Eastlake, "Publicly Verifiable Nominations Committee (NomCom) Random
/// Selection", June 2004; section 4, its reference code in section 7, checked against the worked example of section 6).
/// Candidates are numbered in a published order. For step i = 0, 1, 2, … the MD5 digest of the key string (ASCII) with
/// i as a 2-byte big-endian counter before and after it, <c>MD5(i₁₆ ‖ key ‖ i₁₆)</c>, read as a 128-bit big-endian
/// unsigned integer, is taken modulo the number of candidates still in the pool; the candidate at that 0-based position
/// of the remaining list (in published order) is selected and removed. MD5 is the RFC's choice and is kept for
/// compatibility: its weakness against collisions does not matter when the key is fixed by public sources drawn after
/// the pool was published.
/// </summary>
public static class Rfc3797
{
    /// <summary>
    /// The largest pool: 65,535 candidates, the limit of the RFC's reference code ("pool limit of 2**8-1 extended to
    /// 2**16-1"), so that the 2-byte step counter never wraps.
    /// </summary>
    public const int MaxPool = ushort.MaxValue;

    /// <summary>
    /// The digest of step <paramref name="step"/> (0-based; the RFC's table numbers rounds from 1): MD5 of the 2-byte
    /// big-endian step, the key, the step again.
    /// </summary>
    public static byte[] Digest(string key, int step)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, (int)ushort.MaxValue);
        var text = Encoding.ASCII.GetBytes(key);
        var input = new byte[text.Length + 4];
        BinaryPrimitives.WriteUInt16BigEndian(input, (ushort)step);
        text.CopyTo(input, 2);
        BinaryPrimitives.WriteUInt16BigEndian(input.AsSpan(input.Length - 2), (ushort)step);
        return MD5.HashData(input);
    }

    /// <summary>
    /// Selects <paramref name="count"/> of <paramref name="poolSize"/> candidates and returns their 0-based positions
    /// in the published order, in the order they were selected.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not ASCII, or the count is negative or larger than the pool.</exception>
    public static IReadOnlyList<int> Select(string key, int poolSize, int count)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(poolSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poolSize, MaxPool);
        if (count < 0 || count > poolSize)
        {
            throw new ArgumentException($"cannot select {count} of {poolSize} candidates", nameof(count));
        }

        if (!Ascii.IsValid(key))
        {
            throw new ArgumentException("an RFC 3797 key is ASCII text", nameof(key));
        }

        var remaining = Enumerable.Range(0, poolSize).ToList();
        var selected = new List<int>(count);
        for (var step = 0; step < count; step++)
        {
            var value = new BigInteger(Digest(key, step), isUnsigned: true, isBigEndian: true);
            var position = (int)(value % remaining.Count);
            selected.Add(remaining[position]);
            remaining.RemoveAt(position);
        }

        return selected;
    }

    /// <summary>Selects <paramref name="count"/> of <paramref name="candidates"/> (in published order), in selection order.</summary>
    public static IReadOnlyList<T> Select<T>(string key, IReadOnlyList<T> candidates, int count)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Select(key, candidates.Count, count).Select(i => candidates[i]).ToList();
    }
}
