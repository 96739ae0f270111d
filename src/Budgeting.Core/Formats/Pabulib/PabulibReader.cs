using System.IO.Compression;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// Reads Pabulib files (<c>.pb</c>, or gzip-compressed <c>.pb.gz</c>), the format of the public library of
/// participatory budgeting elections at pabulib.org. Reading streams line by line; see <c>docs/pabulib.md</c>
/// for what is accepted, the errors and the warnings.
/// </summary>
public static class PabulibReader
{
    /// <summary>The VOTES column holding the voter's id.</summary>
    public const string VoterIdColumn = "voter_id";

    /// <summary>The VOTES column holding the voter's ballot.</summary>
    public const string VoteColumn = "vote";

    /// <summary>The VOTES column holding points parallel to the ballot.</summary>
    public const string PointsColumn = "points";

    /// <summary>Reads the file at <paramref name="path"/>; a name ending in <c>.gz</c> is decompressed. Messages name the path as given.</summary>
    /// <exception cref="PabulibFormatException">The file is not a valid Pabulib election.</exception>
    public static PabulibFile Read(string path, PabulibReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, path, options);
    }

    /// <summary>
    /// Reads an election from <paramref name="stream"/>. When <paramref name="fileName"/> ends in <c>.gz</c> the stream
    /// is decompressed. The stream is not closed.
    /// </summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="fileName">The name used in messages, and to choose decompression by its extension.</param>
    /// <param name="options">Reading options; <see cref="PabulibReadOptions.Default"/> when null.</param>
    /// <exception cref="PabulibFormatException">The file is not a valid Pabulib election.</exception>
    public static PabulibFile Read(Stream stream, string fileName, PabulibReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= PabulibReadOptions.Default;
        if (fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            return new PabulibParser(gzip, fileName, options).Parse();
        }

        return new PabulibParser(stream, fileName, options).Parse();
    }

    /// <summary>Reads with a given line-buffer size (tests use tiny buffers to exercise lines that straddle refills).</summary>
    internal static PabulibFile Read(Stream stream, string fileName, PabulibReadOptions? options, int bufferSize) =>
        new PabulibParser(stream, fileName, options ?? PabulibReadOptions.Default, bufferSize).Parse();

    /// <summary>Reads with a given split of the VOTES rows between threads (tests compare splits with one thread).</summary>
    internal static PabulibFile Read(Stream stream, string fileName, PabulibReadOptions? options, VotesParallelism parallelism, int bufferSize = 1 << 16) =>
        new PabulibParser(stream, fileName, options ?? PabulibReadOptions.Default, bufferSize, parallelism).Parse();

    /// <summary>Reads an election from text already in memory (handy for tests and small inputs).</summary>
    /// <exception cref="PabulibFormatException">The text is not a valid Pabulib election.</exception>
    public static PabulibFile ReadText(string text, string fileName = "input.pb", PabulibReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text), writable: false);
        return new PabulibParser(stream, fileName, options ?? PabulibReadOptions.Default).Parse();
    }
}
