namespace Budgeting.Sortition.Lottery;

/// <summary>What a lottery was drawn from, recorded in <c>lottery.json</c> so that an auditor can check the inputs.</summary>
/// <param name="PeopleSha256">SHA-256 (lower-case hex) of the people file's bytes.</param>
/// <param name="CategoriesSha256">SHA-256 of the categories file's bytes.</param>
/// <param name="PopulationSha256">SHA-256 of the population-shares file's bytes, if one was given.</param>
/// <param name="IdColumn">The people file's id column, or null when ids are data-row numbers.</param>
/// <param name="AddressColumns">The address columns that define households (one per household), possibly none.</param>
public sealed record LotteryInputs(
    string PeopleSha256,
    string CategoriesSha256,
    string? PopulationSha256,
    string? IdColumn,
    IReadOnlyList<string> AddressColumns);
