namespace Budgeting.Api.Features.Panel;

/// <summary>The panel members who dropped out, for a replacement round (as <c>budgeting replace</c>).</summary>
/// <param name="Dropouts">The dropouts' person ids.</param>
/// <param name="Panels">The number of slots m of the replacement lottery (default 1000).</param>
public sealed record ReplacementRequest(IReadOnlyList<string> Dropouts, int? Panels = null);
