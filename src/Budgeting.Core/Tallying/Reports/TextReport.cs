using System.Globalization;
using Budgeting.Arithmetic;
using Budgeting.Elections;

namespace Budgeting.Tallying.Reports;

/// <summary>
/// Renders an <see cref="OutcomeReport"/> as plain text for people: funded projects with cost and score, money spent and
/// left over, the tie-break order and ties, each rule's explanations, and voter metrics. Invariant culture, "\n" line ends,
/// and nothing that depends on the clock or the machine, so the same outcome always gives the same text.
/// </summary>
public static class TextReport
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public static void Write(OutcomeReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var w = new Lines(writer);
        w.Line(report.Source is null ? "Outcome" : $"Outcome of {report.Source}");
        w.Line($"Rule: {report.Rule}");
        w.Line($"Election: {report.ProjectCount} projects, {Money(report.VoterCount)} voters, {BallotKindName(report.BallotKind)} ballots, budget {Money(report.Budget)}");
        w.Line();

        w.Line($"Funded projects ({report.Funded.Count})");
        if (report.Funded.Count == 0)
        {
            w.Line("  none");
        }
        else
        {
            var idWidth = Math.Max(2, report.Funded.Max(p => p.Id.Length));
            var costWidth = Math.Max(4, report.Funded.Max(p => Money(p.Cost).Length));
            var scoreWidth = Math.Max(5, report.Funded.Max(p => Money(p.Score).Length));
            var numberWidth = report.Funded.Count.ToString(CultureInfo.InvariantCulture).Length;
            w.Line($"  {"#".PadLeft(numberWidth)}  {"id".PadRight(idWidth)}  {"cost".PadLeft(costWidth)}  {"score".PadLeft(scoreWidth)}  name");
            for (var i = 0; i < report.Funded.Count; i++)
            {
                var p = report.Funded[i];
                var number = (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(numberWidth);
                w.Line($"  {number}  {p.Id.PadRight(idWidth)}  {Money(p.Cost).PadLeft(costWidth)}  {Money(p.Score).PadLeft(scoreWidth)}  {p.Name ?? string.Empty}".TrimEnd());
            }
        }

        w.Line();
        w.Line($"Total spent: {Money(report.TotalCost)} of {Money(report.Budget)} ({Percent(report.TotalCost, report.Budget)})");
        w.Line($"Leftover: {Money(report.Leftover)}");
        w.Line();

        w.Line($"Tie-break order: {report.TieBreak}");
        if (report.Ties.Count == 0)
        {
            w.Line("Ties: none");
        }
        else
        {
            w.Line($"Ties ({report.Ties.Count})");
            foreach (var tie in report.Ties)
            {
                var effect = tie.OutcomeChanging ? "decided the outcome" : "did not change the outcome";
                w.Line($"  {tie.Step}: {OutcomeReport.Join(OutcomeReport.ById(tie.ProjectIds))} tied; chosen {OutcomeReport.Join(OutcomeReport.ById(tie.ChosenIds))} ({effect})");
            }
        }

        foreach (var note in report.TieNotes)
        {
            w.Line(note);
        }

        w.Line();
        w.Line("Explanations");
        if (report.Explanations.Count == 0)
        {
            w.Line("  none given by this rule");
        }

        WriteExplanations(w, "  Funded", report.Explanations.Where(e => e.Funded).ToList());
        WriteExplanations(w, "  Not funded", report.Explanations.Where(e => !e.Funded).ToList());

        w.Line();
        w.Line("Voter metrics");
        if (report.Metrics.Count == 0)
        {
            w.Line("  none computed");
        }

        foreach (var m in report.Metrics)
        {
            var value = m switch
            {
                { Holds: { } holds } => holds ? "yes" : "no",
                { Value: { } v } => Exact(v),
                _ => "not computed",
            };
            w.Line(m.Detail is null ? $"  {m.Label}: {value}" : $"  {m.Label}: {value}; {m.Detail}");
        }
    }

    private static void WriteExplanations(Lines w, string heading, IReadOnlyList<Explanation> explanations)
    {
        if (explanations.Count == 0)
        {
            return;
        }

        w.Line(heading);
        foreach (var e in explanations)
        {
            var details = new List<string>();
            if (e.Score is { } score)
            {
                details.Add($"score {Money(score)}");
            }

            if (e.EffectiveVotes is { } votes)
            {
                details.Add($"effective votes {Exact(votes)}");
            }

            if (e.PaymentPerSupporter is { } payment)
            {
                details.Add($"payment per supporter {Exact(payment)}");
            }

            var tail = details.Count == 0 ? string.Empty : $" [{string.Join("; ", details)}]";
            w.Line($"    {e.ProjectId} (round {e.Round}): {e.Reason}{tail}");
        }
    }

    /// <summary>Renders <paramref name="report"/> as a string.</summary>
    public static string ToText(OutcomeReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(report, writer);
        return writer.ToString();
    }

    /// <summary>The Pabulib name of a ballot kind, for example <c>choose-1</c>.</summary>
    internal static string BallotKindName(BallotKind kind) => kind switch
    {
        BallotKind.Approval => "approval",
        BallotKind.ChooseOne => "choose-1",
        BallotKind.Cumulative => "cumulative",
        BallotKind.Scoring => "scoring",
        _ => "ordinal",
    };

    private static string Money(long amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) =>
        whole == 0 ? "-" : RationalText.Decimal(new Rational(part * 100L, whole), 1) + "%";

    private static string Exact(Rational value) =>
        value.Denominator.IsOne ? value.ToString() : $"{RationalText.Decimal(value)} (exactly {value})";

    private sealed class Lines(TextWriter writer)
    {
        public void Line(string text = "")
        {
            writer.Write(text);
            writer.Write('\n');
        }
    }
}
