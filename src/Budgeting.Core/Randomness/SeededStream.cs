using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Budgeting.Randomness;

/// <summary>
/// A deterministic stream of random numbers derived from a public seed text with SHA-256, specified
/// in <c>docs/randomness.md</c> so that an auditor can re-implement it in any language.
/// Block <c>i</c> (counting from 0) is <c>SHA-256(UTF-8(seed) ‖ 0x00 ‖ i as 8 bytes big-endian)</c>;
/// the stream is the concatenation of the blocks, read 8 bytes at a time as big-endian unsigned integers.
/// </summary>
public sealed class SeededStream
{
    private readonly byte[] prefix;
    private readonly byte[] block = new byte[32];
    private ulong counter;
    private int position = 32;

    /// <summary>Starts the stream for <paramref name="seed"/>.</summary>
    public SeededStream(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        Seed = seed;
        var text = Encoding.UTF8.GetBytes(seed);
        prefix = new byte[text.Length + 1 + 8];
        text.CopyTo(prefix, 0);
    }

    /// <summary>The seed text the stream was derived from.</summary>
    public string Seed { get; }

    /// <summary>The next 64 bits of the stream, as a big-endian unsigned integer.</summary>
    public ulong NextUInt64()
    {
        if (position == 32)
        {
            BinaryPrimitives.WriteUInt64BigEndian(prefix.AsSpan(prefix.Length - 8), counter++);
            SHA256.HashData(prefix, block);
            position = 0;
        }

        var value = BinaryPrimitives.ReadUInt64BigEndian(block.AsSpan(position));
        position += 8;
        return value;
    }

    /// <summary>
    /// A uniformly distributed integer in [0, <paramref name="bound"/>), by rejection: draw
    /// x = <see cref="NextUInt64"/> until x &lt; 2^64 − (2^64 mod bound), then return x mod bound.
    /// At least one value is read, even when <paramref name="bound"/> is 1.
    /// </summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var excess = ((ulong.MaxValue % bound) + 1) % bound; // 2^64 mod bound
        var limit = ulong.MaxValue - excess + 1;              // 2^64 - excess, 0 meaning 2^64
        while (true)
        {
            var x = NextUInt64();
            if (limit == 0 || x < limit)
            {
                return x % bound;
            }
        }
    }

    /// <summary>
    /// Shuffles <paramref name="items"/> in place by Fisher–Yates: for i from n−1 down to 1,
    /// swap item i with item j = <see cref="NextBelow"/>(i + 1).
    /// </summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)NextBelow((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
