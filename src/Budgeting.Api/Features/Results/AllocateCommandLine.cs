using System.Globalization;
using System.Text;
using Budgeting.Api.Features.Elections;

namespace Budgeting.Api.Features.Results;

/// <summary>
/// The <c>budgeting allocate</c> command that reproduces a published allocation vote from the audit bundle's files:
/// <c>ballots.csv</c> with the budget, the rule and every floor and ceiling the city set (<c>--floor AREA=AMOUNT</c>,
/// <c>--ceiling AREA=AMOUNT</c>), so that its JSON is byte for byte the published <c>results.json</c>. For a
/// hierarchical budget the command reproduces the first stage (the allocation) only: the service counts each area with
/// its own rule and options and the election's tie-break with the lottery's seed, which <c>allocate --project-rule</c>
/// does not take; <c>budgeting audit-bundle</c> re-runs both stages.
/// </summary>
public static class AllocateCommandLine
{
    /// <summary>
    /// The command for <paramref name="definition"/>, aggregated with allocation rule <paramref name="rule"/> (the name
    /// the Core gave the outcome), and whether it reproduces the whole <c>results.json</c> (false for a hierarchical
    /// budget, whose project votes it leaves out).
    /// </summary>
    public static (string Command, bool Complete) For(ElectionDefinition definition, string rule)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(rule);
        var command = new StringBuilder("budgeting allocate ballots.csv --budget ")
            .Append(definition.Budget.ToString(CultureInfo.InvariantCulture)).Append(" --rule ").Append(Quote(rule));
        foreach (var area in definition.Areas ?? [])
        {
            if (area.Floor is { } floor && floor != 0)
            {
                command.Append(" --floor ").Append(Quote(area.Id + "=" + floor.ToString(CultureInfo.InvariantCulture)));
            }

            if (area.Ceiling is { } ceiling && ceiling != definition.Budget)
            {
                command.Append(" --ceiling ").Append(Quote(area.Id + "=" + ceiling.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return (command.Append(" --format json").ToString(), !definition.IsHierarchical());
    }

    // A word as a POSIX shell reads it: as is when it holds only safe characters, else in single quotes.
    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_.,/=:+@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
