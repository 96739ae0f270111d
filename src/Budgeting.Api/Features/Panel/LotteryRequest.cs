namespace Budgeting.Api.Features.Panel;

/// <summary>How to compute the panel lottery (as <c>budgeting draw</c>'s options).</summary>
/// <param name="Algorithm"><c>leximin</c> (default), <c>maximin</c> or <c>legacy</c>.</param>
/// <param name="Panels">The number of panel slots m of the uniform lottery (default 1000).</param>
public sealed record LotteryRequest(string? Algorithm = null, int? Panels = null);
