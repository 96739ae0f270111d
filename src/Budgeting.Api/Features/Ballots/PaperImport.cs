namespace Budgeting.Api.Features.Ballots;

/// <summary>The answer to a paper ballot import.</summary>
/// <param name="ElectionId">The election.</param>
/// <param name="File">The file name the problems would have named.</param>
/// <param name="Imported">How many paper ballots were stored (all of the file's rows).</param>
public sealed record PaperImport(long ElectionId, string File, int Imported);
