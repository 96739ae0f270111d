using System.Buffers;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Scratch arrays for one read, rented from <see cref="ArrayPool{T}.Shared"/> and given back when the read ends, so
/// that reading file after file does not allocate (and collect) megabytes of large-object-heap arrays each time.
/// Rented arrays may be longer than asked and hold old contents.
/// </summary>
internal static class PooledArrays
{
    /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements, contents undefined.</summary>
    public static T[] Rent<T>(int minimumLength) => ArrayPool<T>.Shared.Rent(minimumLength);

    /// <summary>
    /// Rents a cleared array of exactly <paramref name="length"/> elements (a power of two, as the pool hands out, or a
    /// fresh array when the pool would give a longer one): open-addressing tables index by a mask of their length.
    /// </summary>
    public static T[] RentClearedExactly<T>(int length)
    {
        var rented = Rent<T>(length);
        if (rented.Length != length)
        {
            Return(ref rented);
            rented = new T[length];
        }

        Array.Clear(rented);
        return rented;
    }

    /// <summary>Replaces <paramref name="array"/> (rented) by a rented array of at least <paramref name="minimumLength"/> elements that starts with the same elements.</summary>
    public static void Grow<T>(ref T[] array, int minimumLength)
    {
        var bigger = ArrayPool<T>.Shared.Rent(minimumLength);
        array.AsSpan().CopyTo(bigger);
        Return(ref array);
        array = bigger;
    }

    /// <summary>Gives <paramref name="array"/> (rented, or empty) back to the pool and leaves it empty.</summary>
    public static void Return<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        array = [];
    }
}
