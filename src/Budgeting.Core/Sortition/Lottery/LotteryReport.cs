using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// The lottery report, as Markdown (<c>report.md</c>) and JSON (<c>report.json</c>): the quota table (quota, expected and
/// chosen panel, pool, population), the selection probabilities before and after rounding with their minimum, maximum
/// and Gini coefficient, a chi-square test of the chosen panel against the population shares, and the hashes and seed an
/// auditor needs. Both are deterministic functions of the lottery folder.
/// </summary>
public static class LotteryReport
{
    private static string N(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Each person's number of slots in the lottery, by pool index.</summary>
    public static int[] SlotCounts(Pool pool, LotteryDocument document)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(document);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            index.TryAdd(pool.People[i].Id, i);
        }

        var counts = new int[pool.People.Count];
        foreach (var member in document.Panels.SelectMany(p => p.Members))
        {
            if (index.TryGetValue(member, out var i))
            {
                counts[i]++;
            }
        }

        return counts;
    }

    /// <summary>The chosen panel's members as pool indices, or null before the reveal.</summary>
    public static int[]? ChosenPanel(LotteryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Reveal is null || input.Reveal.Index < 0 || input.Reveal.Index >= input.Document.M)
        {
            return null;
        }

        var members = input.Document.Panels[input.Reveal.Index].Members.ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, input.Pool.People.Count).Where(i => members.Contains(input.Pool.People[i].Id)).ToArray();
    }

    /// <summary>The report as Markdown.</summary>
    public static string ToMarkdown(LotteryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (pool, document) = (input.Pool, input.Document);
        var m = document.M;
        var counts = SlotCounts(pool, document);
        var after = counts.Select(c => (double)c / m).ToArray();
        var chosen = ChosenPanel(input);
        var text = new StringBuilder();
        text.Append("# Panel selection lottery\n\n");
        text.Append("| | |\n|---|---|\n");
        text.Append($"| Algorithm | {document.Algorithm} |\n");
        text.Append($"| Panel size | {I(document.Size)} |\n");
        text.Append($"| Pool | {I(pool.People.Count)} people |\n");
        text.Append($"| Lottery | {I(m)} panel slots, each of probability 1/{I(m)} |\n");
        text.Append($"| Rounding | {document.Rounding}: every person's probability moves by less than (k + 1)/m = {N(document.Bound)}; the largest move is {N(document.MaxChange)} |\n\n");

        text.Append("## For auditors\n\n");
        text.Append($"- `lottery.json` SHA-256: `{input.LotterySha256}` (also in `lottery.sha256`)\n");
        text.Append($"- People file SHA-256: `{document.Inputs.PeopleSha256}`\n");
        text.Append($"- Categories file SHA-256: `{document.Inputs.CategoriesSha256}`\n");
        if (document.Inputs.PopulationSha256 is { } population)
        {
            text.Append($"- Population file SHA-256: `{population}`\n");
        }

        text.Append($"- `probabilities.csv` SHA-256: `{document.ProbabilitiesSha256}`\n");
        text.Append($"- Id column: {(document.Inputs.IdColumn is null ? "none (ids are data-row numbers)" : $"`{document.Inputs.IdColumn}`")}; " +
                    $"household columns: {(document.Inputs.AddressColumns.Count == 0 ? "none" : string.Join(", ", document.Inputs.AddressColumns.Select(a => $"`{a}`")))}\n");
        text.Append($"- The panel is slot `SeededStream(seed).NextBelow({I(m)})` (docs/lottery.md).\n");
        text.Append(input.Reveal is null
            ? "- Seed: not yet published.\n\n"
            : $"- Seed: `{input.Reveal.Seed}`, chosen slot index **{I(input.Reveal.Index)}**\n\n");

        text.Append("## Quotas\n\n");
        text.Append("Expected on panel: the average number of panel members with the value under the rounded lottery.\n\n");
        text.Append("| Feature | Value | Min | Max | Expected on panel | Chosen panel | Pool | Population share |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (var f = 0; f < pool.Features.Count; f++)
        {
            var feature = pool.Features[f];
            for (var v = 0; v < feature.Values.Count; v++)
            {
                var value = feature.Values[v];
                var members = Enumerable.Range(0, pool.People.Count).Where(i => pool.People[i].ValueIndices[f] == v).ToArray();
                var expected = members.Sum(i => after[i]);
                var onPanel = chosen is null ? "–" : I(chosen.Count(i => pool.People[i].ValueIndices[f] == v));
                var share = input.Population?.Shares[f] is { } s ? N(s[v]) : "–";
                text.Append($"| {feature.Name} | {value.Name} | {I(value.Min)} | {I(value.Max)} | {N(expected)} | {onPanel} | {I(members.Length)} | {share} |\n");
            }
        }

        text.Append("\n## Selection probabilities\n\n");
        text.Append("| | Before rounding | After rounding |\n|---|---:|---:|\n");
        text.Append($"| Minimum | {N(input.Before.DefaultIfEmpty().Min())} | {N(after.DefaultIfEmpty().Min())} |\n");
        text.Append($"| Maximum | {N(input.Before.DefaultIfEmpty().Max())} | {N(after.DefaultIfEmpty().Max())} |\n");
        text.Append($"| Gini coefficient | {N(LotteryStatistics.Gini(input.Before))} | {N(LotteryStatistics.Gini(after))} |\n");
        text.Append($"| People with probability 0 | {I(input.Before.Count(p => p <= 0))} | {I(after.Count(p => p <= 0))} |\n\n");

        if (chosen is not null && input.Population is not null)
        {
            text.Append("## Chosen panel against the population (chi-square)\n\n");
            text.Append("| Feature | Statistic | Degrees of freedom | p-value |\n|---|---:|---:|---:|\n");
            foreach (var (feature, statistic, df, p) in ChiSquares(pool, chosen, input.Population))
            {
                text.Append($"| {feature} | {N(statistic)} | {I(df)} | {(double.IsNaN(p) ? "–" : N(p))} |\n");
            }

            text.Append('\n');
        }

        text.Append("## Reveal\n\n");
        if (input.Reveal is null || chosen is null)
        {
            text.Append("Not revealed yet: `budgeting reveal --seed SEED --out DIR` picks the panel once the seed is published.\n\n");
        }
        else
        {
            text.Append($"Seed `{input.Reveal.Seed}` chose slot {I(input.Reveal.Index)} of {I(m)}: ");
            text.Append(string.Join(", ", chosen.Select(i => pool.People[i].Id))).Append(".\n\n");
        }

        text.Append("## Per-person probabilities\n\n");
        text.Append("| Id | Before rounding | After rounding | Change |\n|---|---:|---:|---:|\n");
        for (var i = 0; i < pool.People.Count; i++)
        {
            var before = i < input.Before.Count ? input.Before[i] : 0;
            text.Append($"| {pool.People[i].Id} | {N(before)} | {N(after[i])} | {N(after[i] - before)} |\n");
        }

        return text.ToString();
    }

    /// <summary>The report as JSON (indented, fixed property order, invariant numbers).</summary>
    public static byte[] ToJson(LotteryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (pool, document) = (input.Pool, input.Document);
        var m = document.M;
        var counts = SlotCounts(pool, document);
        var after = counts.Select(c => (double)c / m).ToArray();
        var chosen = ChosenPanel(input);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", document.Algorithm);
            json.WriteNumber("size", document.Size);
            json.WriteNumber("poolSize", pool.People.Count);
            json.WriteNumber("m", m);
            json.WriteString("rounding", document.Rounding);
            json.WriteNumber("bound", document.Bound);
            json.WriteNumber("maxChange", document.MaxChange);
            json.WriteStartObject("hashes");
            json.WriteString("lottery", input.LotterySha256);
            json.WriteString("people", document.Inputs.PeopleSha256);
            json.WriteString("categories", document.Inputs.CategoriesSha256);
            if (document.Inputs.PopulationSha256 is { } population)
            {
                json.WriteString("population", population);
            }

            json.WriteString("probabilities", document.ProbabilitiesSha256);
            json.WriteEndObject();
            if (input.Reveal is { } reveal)
            {
                json.WriteString("seed", reveal.Seed);
                json.WriteNumber("chosenIndex", reveal.Index);
            }

            json.WriteStartArray("quotas");
            for (var f = 0; f < pool.Features.Count; f++)
            {
                var feature = pool.Features[f];
                for (var v = 0; v < feature.Values.Count; v++)
                {
                    var members = Enumerable.Range(0, pool.People.Count).Where(i => pool.People[i].ValueIndices[f] == v).ToArray();
                    json.WriteStartObject();
                    json.WriteString("feature", feature.Name);
                    json.WriteString("value", feature.Values[v].Name);
                    json.WriteNumber("min", feature.Values[v].Min);
                    json.WriteNumber("max", feature.Values[v].Max);
                    json.WriteNumber("expected", members.Sum(i => after[i]));
                    if (chosen is not null)
                    {
                        json.WriteNumber("chosen", chosen.Count(i => pool.People[i].ValueIndices[f] == v));
                    }

                    json.WriteNumber("pool", members.Length);
                    if (input.Population?.Shares[f] is { } s)
                    {
                        json.WriteNumber("populationShare", s[v]);
                    }

                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            json.WriteStartObject("probabilities");
            json.WriteNumber("minBefore", input.Before.DefaultIfEmpty().Min());
            json.WriteNumber("maxBefore", input.Before.DefaultIfEmpty().Max());
            json.WriteNumber("giniBefore", LotteryStatistics.Gini(input.Before));
            json.WriteNumber("minAfter", after.DefaultIfEmpty().Min());
            json.WriteNumber("maxAfter", after.DefaultIfEmpty().Max());
            json.WriteNumber("giniAfter", LotteryStatistics.Gini(after));
            json.WriteEndObject();
            if (chosen is not null && input.Population is not null)
            {
                json.WriteStartArray("chiSquare");
                foreach (var (feature, statistic, df, p) in ChiSquares(pool, chosen, input.Population))
                {
                    json.WriteStartObject();
                    json.WriteString("feature", feature);
                    WriteNumberOrNull(json, "statistic", statistic);
                    json.WriteNumber("degreesOfFreedom", df);
                    WriteNumberOrNull(json, "pValue", p);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("people");
            for (var i = 0; i < pool.People.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("id", pool.People[i].Id);
                json.WriteNumber("before", i < input.Before.Count ? input.Before[i] : 0);
                json.WriteNumber("after", after[i]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static IEnumerable<(string Feature, double Statistic, int DegreesOfFreedom, double PValue)> ChiSquares(Pool pool, int[] chosen, PopulationShares population)
    {
        for (var f = 0; f < pool.Features.Count; f++)
        {
            if (population.Shares[f] is not { } shares)
            {
                continue;
            }

            var observed = new int[pool.Features[f].Values.Count];
            foreach (var i in chosen)
            {
                observed[pool.People[i].ValueIndices[f]]++;
            }

            var (statistic, df, p) = LotteryStatistics.ChiSquare(observed, shares);
            yield return (pool.Features[f].Name, statistic, df, p);
        }
    }
}
