using System.Globalization;
using System.Text;
using Budgeting.Tallying.Reports;

namespace Budgeting.Tallying.Allocation;

/// <summary>Renders an <see cref="AllocationReport"/> as plain text for people: invariant culture, <c>\n</c> line ends.</summary>
public static class AllocationText
{
    /// <summary>The report as text.</summary>
    public static string ToText(AllocationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var outcome = report.Outcome;
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        Line(I($"Allocation by {outcome.Rule}{(report.Source is null ? string.Empty : " of " + report.Source)}"));
        Line(I($"Budget {outcome.Budget}, {outcome.Areas.Count} areas, {report.Panelists} panelists"));
        if (outcome.Time is { } time)
        {
            Line(I($"Phantoms stop at t* = {time} ({RationalText.Decimal(time, 6)})"));
        }

        Line(string.Empty);
        var width = Math.Max(4, outcome.Areas.Max(a => a.Length));
        Line(I($"{"area".PadRight(width)}  {"amount",14}  {"share",9}  exact share / what set it"));
        for (var j = 0; j < outcome.Areas.Count; j++)
        {
            var percent = RationalText.Decimal(outcome.Fractions[j] * 100, 4) + " %";
            Line(I($"{outcome.Areas[j].PadRight(width)}  {outcome.Amounts[j],14}  {percent,9}  {outcome.Fractions[j]}; {SetBy(outcome.Explanations[j])}"));
        }

        Line(string.Empty);
        Line("Mean of the proposals:");
        for (var j = 0; j < outcome.Areas.Count; j++)
        {
            var amount = report.MeanFractions[j] * outcome.Budget;
            Line(I($"  {outcome.Areas[j].PadRight(width)}  {RationalText.Decimal(amount, 2),14}  ({report.MeanFractions[j]} of the budget)"));
        }

        Line(I($"l1 distance of the outcome from the mean: {RationalText.Decimal(report.DistanceFromMean, 2)} (exactly {report.DistanceFromMean})"));
        Line(string.Empty);
        Line("Proposals per area (smallest, lower quartile, median, upper quartile, largest):");
        foreach (var s in report.Spreads)
        {
            Line(I($"  {s.Area.PadRight(width)}  {s.Min}, {s.LowerQuartile}, {s.Median}, {s.UpperQuartile}, {s.Max}"));
        }

        Line(string.Empty);
        Line("Each panelist's l1 distance to the outcome:");
        foreach (var d in report.Distances)
        {
            Line(I($"  {d.VoterId}: {RationalText.Decimal(d.Distance, 2)}"));
        }

        foreach (var note in outcome.Notes)
        {
            Line(string.Empty);
            Line("Note: " + note);
        }

        foreach (var warning in report.Warnings)
        {
            Line(string.Empty);
            Line("Warning: " + warning);
        }

        return text.ToString();
    }

    /// <summary>What set an area's value, as a phrase such as "phantom f_2(t*) = 1/2".</summary>
    public static string SetBy(AreaExplanation explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var value = explanation.Value;
        return explanation.Source switch
        {
            AreaValueSource.Phantom => string.Create(CultureInfo.InvariantCulture, $"median is phantom f_{explanation.Phantom}(t*) = {value}"),
            AreaValueSource.Report => $"median is the report of panelist '{explanation.VoterId}' ({value})",
            AreaValueSource.Mean => $"mean of the proposals ({value})",
            _ => $"median proposal {value}, rescaled",
        };
    }
}
