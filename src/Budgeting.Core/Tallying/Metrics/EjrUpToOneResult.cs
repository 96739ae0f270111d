using Budgeting.Arithmetic;
using Budgeting.Tallying.Rules;

namespace Budgeting.Tallying.Metrics;

/// <summary>The result of checking EJR up to one project (see <see cref="EjrUpToOne"/>).</summary>
/// <param name="Utility">The satisfaction measure: <see cref="Utility.Cardinality"/> (number of funded approved projects) or <see cref="Utility.Cost"/> (their total cost).</param>
/// <param name="Satisfied">True when no violation exists among the sets checked and the check was complete; false when a violation was found; null when the check was not run or not completed.</param>
/// <param name="Scope">Exactly what was checked and how, in words, for example "all project sets" or "sets of at most 3 projects", or why nothing was checked.</param>
/// <param name="CompleteUpToSize">Every project set T of at most this many projects was examined; null when all were.</param>
/// <param name="WitnessProjectIds">For a violation: the project set T.</param>
/// <param name="WitnessGroupSize">For a violation: the number of voters who approve all of T and are each short by more than one project.</param>
/// <param name="WitnessRequiredSize">For a violation: the group size that entitles voters to T, n·cost(T)/B.</param>
/// <param name="SetsExamined">How many candidate project sets the search examined.</param>
public sealed record EjrUpToOneResult(
    Utility Utility,
    bool? Satisfied,
    string Scope,
    int? CompleteUpToSize = null,
    IReadOnlyList<string>? WitnessProjectIds = null,
    long? WitnessGroupSize = null,
    Rational? WitnessRequiredSize = null,
    long SetsExamined = 0);
