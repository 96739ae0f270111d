using System.Text;
using System.Text.Json;
using Budgeting.Tallying.Reports;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Renders a hierarchical budget as JSON: the allocation report (<see cref="AllocationJson"/>) followed by
/// <c>projectVotes</c>, one object per area in area order with its <c>area</c>, its <c>budget</c> (the area's amount)
/// and the <c>report</c> of its project vote (the tally report of <see cref="JsonReport"/>, or null when the area has no
/// projects or no voter chose any). <c>budgeting allocate --projects --format json</c> and the service's published
/// results both write it, so an auditor's re-run can be compared byte for byte.
/// </summary>
public static class HierarchicalJson
{
    /// <summary>Writes the report and the project votes to <paramref name="stream"/> as UTF-8 JSON, ending with a newline.</summary>
    /// <param name="report">The allocation vote's report.</param>
    /// <param name="votes">The project vote in each area (<see cref="HierarchicalBudget.Tally(AllocationOutcome, Budgeting.Elections.Election, Budgeting.Elections.Profile, IReadOnlyList{ITallyRule})"/>).</param>
    /// <param name="source">The name of the project ballots' file, reported as each tally report's <c>file</c>.</param>
    /// <param name="stream">Where to write.</param>
    public static void Write(AllocationReport report, IReadOnlyList<AreaProjectVote> votes, string? source, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(stream);
        AllocationJson.Write(report, stream, json =>
        {
            json.WriteStartArray("projectVotes");
            foreach (var vote in votes)
            {
                json.WriteStartObject();
                json.WriteString("area", vote.Area);
                json.WriteNumber("budget", vote.Election.Budget);
                json.WritePropertyName("report");
                if (vote.Outcome is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    JsonReport.WriteReport(json, OutcomeReport.Create(vote.Election, vote.Profile, vote.Outcome, source));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>The JSON as bytes (UTF-8, ending with a newline).</summary>
    public static byte[] ToBytes(AllocationReport report, IReadOnlyList<AreaProjectVote> votes, string? source)
    {
        using var buffer = new MemoryStream();
        Write(report, votes, source, buffer);
        return buffer.ToArray();
    }
}
