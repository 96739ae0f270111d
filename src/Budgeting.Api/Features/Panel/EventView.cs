namespace Budgeting.Api.Features.Panel;

/// <summary>An entry of an election's audit trail.</summary>
/// <param name="Id">The entry's number (increasing).</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who: <c>official</c> or <c>panelist</c>.</param>
/// <param name="What">What happened, in words.</param>
public sealed record EventView(long Id, string At, string Actor, string What);
