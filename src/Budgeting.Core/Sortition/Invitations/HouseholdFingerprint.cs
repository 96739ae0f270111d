using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Budgeting.Sortition.Invitations;

/// <summary>
/// A fast 128-bit fingerprint of a normalized household key, in the style of MurmurHash3 x64/128 (two 64-bit lanes,
/// multiply-rotate rounds on 16-byte blocks, a final avalanche). It only speeds up the test "same household?": the
/// specification compares the normalized keys themselves, and two different keys among 10 million share a fingerprint
/// with a probability of the order of 10⁻²⁵. Not a cryptographic hash, and not part of the audit trail.
/// </summary>
internal static class HouseholdFingerprint
{
    private const ulong C1 = 0x87c37b91114253d5UL;
    private const ulong C2 = 0x4cf5ad432745937fUL;

    /// <summary>The fingerprint of <paramref name="key"/>'s UTF-16 code units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static UInt128 Of(ReadOnlySpan<char> key)
    {
        var data = MemoryMarshal.AsBytes(key);
        ulong h1 = 0x9E3779B97F4A7C15UL, h2 = 0xC2B2AE3D27D4EB4FUL;
        var blocks = data.Length / 16;
        for (var b = 0; b < blocks; b++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data[(b * 16)..]);
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data[(b * 16 + 8)..]);
            h1 ^= BitOperations.RotateLeft(k1 * C1, 31) * C2;
            h1 = BitOperations.RotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= BitOperations.RotateLeft(k2 * C2, 33) * C1;
            h2 = BitOperations.RotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        Span<byte> tail = stackalloc byte[16];
        tail.Clear();
        data[(blocks * 16)..].CopyTo(tail);
        h1 ^= BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(tail) * C1, 31) * C2;
        h2 ^= BitOperations.RotateLeft(BinaryPrimitives.ReadUInt64LittleEndian(tail[8..]) * C2, 33) * C1;
        h1 ^= (ulong)data.Length;
        h2 ^= (ulong)data.Length;
        h1 += h2;
        h2 += h1;
        h1 = Mix(h1);
        h2 = Mix(h2);
        h1 += h2;
        h2 += h1;
        return new UInt128(h1, h2);
    }

    private static ulong Mix(ulong k)
    {
        k ^= k >> 33;
        k *= 0xff51afd7ed558ccdUL;
        k ^= k >> 33;
        k *= 0xc4ceb9fe1a85ec53UL;
        k ^= k >> 33;
        return k;
    }
}
