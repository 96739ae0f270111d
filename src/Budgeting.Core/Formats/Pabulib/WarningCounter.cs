namespace Budgeting.Formats.Pabulib;

/// <summary>Counts warnings of one kind and says whether the next one is still within the listed cap.</summary>
internal sealed class WarningCounter(int cap)
{
    private long count;

    /// <summary>Counts one more warning; true while the count is within the cap, so the caller lists it.</summary>
    public bool ShouldList() => ++count <= cap;

    /// <summary>How many more warnings would still be listed.</summary>
    public long Room => Math.Max(0, cap - count);

    /// <summary>Counts the warnings another counter counted (those of a later run of rows).</summary>
    public void Absorb(WarningCounter other) => count += other.count;

    /// <summary>Adds a file-level summary warning when some warnings of this kind were not listed.</summary>
    public void Summarize(List<PabulibWarning> warnings, string file, string message)
    {
        if (count > cap)
        {
            warnings.Add(new PabulibWarning(file, 0, message));
        }
    }
}
