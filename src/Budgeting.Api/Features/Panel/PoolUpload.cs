namespace Budgeting.Api.Features.Panel;

/// <summary>
/// The volunteer pool, uploaded as <c>multipart/form-data</c> in the formats of <c>budgeting draw</c>: the people CSV and
/// the categories CSV, with the same reading options.
/// </summary>
public sealed class PoolUpload
{
    /// <summary>The people CSV (form field <c>people</c>): one row per volunteer.</summary>
    public IFormFile? People { get; set; }

    /// <summary>The categories CSV (form field <c>categories</c>): feature,value,min,max[,min_flex,max_flex].</summary>
    public IFormFile? Categories { get; set; }

    /// <summary>The people file's id column (as <c>--id-column</c>); ids are data-row numbers when absent.</summary>
    public string? IdColumn { get; set; }

    /// <summary>Comma-separated address columns (as <c>--address-columns</c>): at most one person per household.</summary>
    public string? AddressColumns { get; set; }
}
