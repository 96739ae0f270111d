namespace Budgeting.Formats.Pabulib;

/// <summary>
/// When the reader splits the rows of a VOTES section between two threads: blocks of at most <see cref="BlockBytes"/>
/// bytes of whole lines, each cut in two near its middle, when a block holds at least <see cref="MinimumBytes"/>. Tests
/// force tiny blocks to exercise the merge on small files.
/// </summary>
/// <param name="BlockBytes">The most bytes read ahead and split at a time; 0 turns splitting off.</param>
/// <param name="MinimumBytes">The fewest bytes worth splitting (smaller rests are read on one thread).</param>
/// <param name="EvenOnOneProcessor">Split even when the machine has one processor (tests).</param>
internal sealed record VotesParallelism(int BlockBytes, int MinimumBytes, bool EvenOnOneProcessor = false)
{
    /// <summary>Blocks of 32 MiB, split when they hold at least 256 KiB.</summary>
    public static VotesParallelism Default { get; } = new(32 << 20, 256 << 10);

    /// <summary>Every row on the calling thread.</summary>
    public static VotesParallelism None { get; } = new(0, 0);

    /// <summary>Whether the VOTES rows of a read with <paramref name="options"/> are split at all.</summary>
    public bool Applies(PabulibReadOptions options) =>
        BlockBytes > 0 && !options.KeepVoters && (EvenOnOneProcessor || Environment.ProcessorCount > 1);
}
