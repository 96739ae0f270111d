namespace Budgeting.Api.Features.Panel;

/// <summary>The panel feature's settings, bound from the <c>Budgeting</c> configuration section.</summary>
public sealed class PanelOptions
{
    /// <summary>
    /// How long a request computing a lottery may wait for it (seconds; default 300). A longer computation answers 503
    /// and its result is discarded; run <c>budgeting draw</c> for pools that large.
    /// </summary>
    public int LotteryTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// The address panelists reach the host at, for the ballot links of the token CSV (for example
    /// <c>https://vote.city.example</c>); when unset, the address of the official's request.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}
