namespace Budgeting.Api.Features.Panel;

/// <summary>The seed published after the lottery's hash, which chooses the slot.</summary>
/// <param name="Seed">The seed, for example the numbers of a public lottery draw (docs/lottery.md).</param>
public sealed record RevealRequest(string Seed);
