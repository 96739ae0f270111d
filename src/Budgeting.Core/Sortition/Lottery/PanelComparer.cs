namespace Budgeting.Sortition.Lottery;

/// <summary>Orders panels (ascending person-index arrays) lexicographically; equal arrays compare equal.</summary>
public sealed class PanelComparer : IComparer<int[]>, IEqualityComparer<int[]>
{
    /// <summary>The single instance.</summary>
    public static PanelComparer Instance { get; } = new();

    private PanelComparer()
    {
    }

    /// <inheritdoc/>
    public int Compare(int[]? x, int[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return x.AsSpan().SequenceCompareTo(y);
    }

    /// <inheritdoc/>
    public bool Equals(int[]? x, int[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    /// <inheritdoc/>
    public int GetHashCode(int[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = new HashCode();
        foreach (var i in obj)
        {
            hash.Add(i);
        }

        return hash.ToHashCode();
    }
}
