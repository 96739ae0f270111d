namespace Budgeting.Api.Features.Panel;

/// <summary>The panelists whose voting tokens are replaced (for example after a lost letter).</summary>
/// <param name="PersonIds">Their person ids.</param>
public sealed record ReissueRequest(IReadOnlyList<string> PersonIds);
