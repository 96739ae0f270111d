namespace Budgeting.Api.Features.Results;

/// <summary>The outcome of <see cref="ResultsStore.PublishAsync"/>: the publication, or why there is none.</summary>
/// <param name="Publication">What was published.</param>
/// <param name="NotFound">True when there is no such election.</param>
/// <param name="Refusal">Why it may not be published now (409).</param>
public sealed record PublicationOutcome(PublicationView? Publication, bool NotFound, string? Refusal);
