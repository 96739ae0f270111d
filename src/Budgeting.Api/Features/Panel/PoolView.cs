namespace Budgeting.Api.Features.Panel;

/// <summary>What officials see of an uploaded pool (never the people's rows: they hold personal data).</summary>
/// <param name="People">The number of volunteers.</param>
/// <param name="PanelSize">The panel size the quotas were checked against (the definition's at upload).</param>
/// <param name="PeopleFile">The people file's name.</param>
/// <param name="PeopleSha256">SHA-256 of the people file's bytes.</param>
/// <param name="CategoriesFile">The categories file's name.</param>
/// <param name="CategoriesSha256">SHA-256 of the categories file's bytes.</param>
/// <param name="IdColumn">The id column, or null when ids are data-row numbers.</param>
/// <param name="AddressColumns">The address columns (households), possibly none.</param>
/// <param name="Features">The features, each with its values' quotas as <c>value min..max</c>.</param>
/// <param name="UploadedAt">When it was uploaded (UTC).</param>
public sealed record PoolView(
    int People,
    int PanelSize,
    string PeopleFile,
    string PeopleSha256,
    string CategoriesFile,
    string CategoriesSha256,
    string? IdColumn,
    IReadOnlyList<string> AddressColumns,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Features,
    string UploadedAt);
