using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// Writes and reads the canonical lottery files: <c>lottery.json</c>, <c>probabilities.csv</c> and <c>lottery.sha256</c>.
/// The bytes depend only on the inputs: no timestamps, paths or run times; UTF-8 without BOM, <c>\n</c> line ends,
/// a fixed property order, and numbers in invariant culture in the shortest form that round-trips (<c>0.1</c>).
/// </summary>
public static class LotteryFile
{
    /// <summary>The format tag written as <c>"format"</c>.</summary>
    public const string Format = "budgeting-lottery/1";

    /// <summary>The rounding method's name.</summary>
    public const string RoundingName = "beck-fiala";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>SHA-256 of <paramref name="bytes"/> as lower-case hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A number as written in the lottery files: invariant culture, shortest round-trip form.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>probabilities.csv</c>: <c>id,probability</c>, one row for every person of the pool in pool order, with their
    /// probability under <paramref name="distribution"/> before rounding.
    /// </summary>
    public static byte[] WriteProbabilities(Pool pool, PanelDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(distribution);
        var text = new StringBuilder("id,probability\n");
        for (var i = 0; i < pool.People.Count; i++)
        {
            text.Append(CsvField(pool.People[i].Id)).Append(',').Append(Number(distribution.PersonProbabilities[i])).Append('\n');
        }

        return Utf8.GetBytes(text.ToString());
    }

    /// <summary>Reads <c>probabilities.csv</c> as (id, probability) pairs in file order.</summary>
    /// <exception cref="FormatException">The file is not in the format <see cref="WriteProbabilities"/> writes.</exception>
    public static IReadOnlyList<KeyValuePair<string, double>> ReadProbabilities(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var lines = Utf8.GetString(bytes).Split('\n');
        if (lines[0].TrimEnd('\r') != "id,probability")
        {
            throw new FormatException("probabilities.csv: the header is not 'id,probability'.");
        }

        var rows = new List<KeyValuePair<string, double>>();
        for (var l = 1; l < lines.Length; l++)
        {
            var line = lines[l].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var comma = line.LastIndexOf(',');
            if (comma < 0 || !double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
            {
                throw new FormatException($"probabilities.csv line {l + 1}: expected 'id,probability'.");
            }

            var id = line[..comma];
            if (id.Length >= 2 && id[0] == '"' && id[^1] == '"')
            {
                id = id[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            rows.Add(new(id, p));
        }

        return rows;
    }

    /// <summary>
    /// Builds the document for <paramref name="lottery"/> drawn from <paramref name="pool"/>; <paramref name="replacement"/>
    /// when it is a replacement round's lottery.
    /// </summary>
    public static LotteryDocument Create(
        Pool pool, UniformLottery lottery, LotteryInputs inputs, string probabilitiesSha256, ReplacementRound? replacement = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(lottery);
        var probability = 1.0 / lottery.M;
        var slots = lottery.Slots
            .Select(s => new LotterySlot(s.Select(i => pool.People[i].Id).ToArray(), probability))
            .ToArray();
        return new LotteryDocument(
            lottery.Algorithm, lottery.PanelSize, RoundingName, lottery.Bound, lottery.MaxChange, pool.People.Count,
            probabilitiesSha256, inputs, pool.Features, slots, replacement);
    }

    /// <summary>The canonical bytes of <c>lottery.json</c>.</summary>
    public static byte[] Write(LotteryDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append("  \"format\": ").Append(Quote(Format)).Append(",\n");
        json.Append("  \"algorithm\": ").Append(Quote(document.Algorithm)).Append(",\n");
        json.Append("  \"size\": ").Append(document.Size.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"m\": ").Append(document.M.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"rounding\": ").Append(Quote(document.Rounding)).Append(",\n");
        json.Append("  \"bound\": ").Append(Number(document.Bound)).Append(",\n");
        json.Append("  \"maxChange\": ").Append(Number(document.MaxChange)).Append(",\n");
        json.Append("  \"poolSize\": ").Append(document.PoolSize.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        json.Append("  \"probabilitiesSha256\": ").Append(Quote(document.ProbabilitiesSha256)).Append(",\n");
        var inputs = document.Inputs;
        json.Append("  \"inputs\": {\n");
        json.Append("    \"peopleSha256\": ").Append(Quote(inputs.PeopleSha256)).Append(",\n");
        json.Append("    \"categoriesSha256\": ").Append(Quote(inputs.CategoriesSha256)).Append(",\n");
        json.Append("    \"populationSha256\": ").Append(inputs.PopulationSha256 is null ? "null" : Quote(inputs.PopulationSha256)).Append(",\n");
        json.Append("    \"idColumn\": ").Append(inputs.IdColumn is null ? "null" : Quote(inputs.IdColumn)).Append(",\n");
        json.Append("    \"addressColumns\": [").Append(string.Join(", ", inputs.AddressColumns.Select(Quote))).Append("]\n");
        json.Append("  },\n");
        if (document.Replacement is { } round)
        {
            json.Append("  \"replacement\": {\n");
            json.Append("    \"round\": ").Append(round.Number.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            json.Append("    \"panelSha256\": ").Append(Quote(round.PanelSha256)).Append(",\n");
            json.Append("    \"dropouts\": [").Append(string.Join(", ", round.Dropouts.Select(Quote))).Append("],\n");
            json.Append("    \"dropoutsSha256\": ").Append(Quote(round.DropoutsSha256)).Append(",\n");
            json.Append("    \"excluded\": [").Append(string.Join(", ", round.Excluded.Select(Quote))).Append("]\n");
            json.Append("  },\n");
        }

        json.Append("  \"features\": [\n");
        for (var f = 0; f < document.Features.Count; f++)
        {
            var feature = document.Features[f];
            json.Append("    {\"name\": ").Append(Quote(feature.Name)).Append(", \"values\": [");
            json.Append(string.Join(", ", feature.Values.Select(v =>
                $"{{\"name\": {Quote(v.Name)}, \"min\": {v.Min.ToString(CultureInfo.InvariantCulture)}, \"max\": {v.Max.ToString(CultureInfo.InvariantCulture)}}}")));
            json.Append("]}").Append(f + 1 < document.Features.Count ? ",\n" : "\n");
        }

        json.Append("  ],\n");
        json.Append("  \"panels\": [\n");
        for (var s = 0; s < document.Panels.Count; s++)
        {
            var slot = document.Panels[s];
            json.Append("    {\"members\": [").Append(string.Join(", ", slot.Members.Select(Quote)))
                .Append("], \"probability\": ").Append(Number(slot.Probability)).Append('}')
                .Append(s + 1 < document.Panels.Count ? ",\n" : "\n");
        }

        json.Append("  ]\n}\n");
        return Utf8.GetBytes(json.ToString());
    }

    /// <summary>Reads <c>lottery.json</c>.</summary>
    /// <exception cref="FormatException">The bytes are not a lottery in this format.</exception>
    public static LotteryDocument Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new FormatException($"lottery.json: the format is not {Format}.");
            }

            var inputs = root.GetProperty("inputs");
            var features = root.GetProperty("features").EnumerateArray().Select(f => new Feature(
                f.GetProperty("name").GetString()!,
                f.GetProperty("values").EnumerateArray().Select(v => new FeatureValue(
                    v.GetProperty("name").GetString()!, v.GetProperty("min").GetInt32(), v.GetProperty("max").GetInt32())).ToArray())).ToArray();
            var panels = root.GetProperty("panels").EnumerateArray().Select(p => new LotterySlot(
                p.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray(),
                p.GetProperty("probability").GetDouble())).ToArray();
            var document = new LotteryDocument(
                root.GetProperty("algorithm").GetString()!,
                root.GetProperty("size").GetInt32(),
                root.GetProperty("rounding").GetString()!,
                root.GetProperty("bound").GetDouble(),
                root.GetProperty("maxChange").GetDouble(),
                root.GetProperty("poolSize").GetInt32(),
                root.GetProperty("probabilitiesSha256").GetString()!,
                new LotteryInputs(
                    inputs.GetProperty("peopleSha256").GetString()!,
                    inputs.GetProperty("categoriesSha256").GetString()!,
                    inputs.GetProperty("populationSha256").GetString(),
                    inputs.GetProperty("idColumn").GetString(),
                    inputs.GetProperty("addressColumns").EnumerateArray().Select(a => a.GetString()!).ToArray()),
                features,
                panels,
                root.TryGetProperty("replacement", out var replacement) ? new ReplacementRound(
                    replacement.GetProperty("round").GetInt32(),
                    replacement.GetProperty("panelSha256").GetString()!,
                    replacement.GetProperty("dropouts").EnumerateArray().Select(d => d.GetString()!).ToArray(),
                    replacement.GetProperty("dropoutsSha256").GetString()!,
                    replacement.GetProperty("excluded").EnumerateArray().Select(d => d.GetString()!).ToArray()) : null);
            if (root.GetProperty("m").GetInt32() != document.M)
            {
                throw new FormatException($"lottery.json: \"m\" is {root.GetProperty("m").GetInt32()} but there are {document.M} panels.");
            }

            return document;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException(e is FormatException ? e.Message : $"lottery.json is not a valid lottery: {e.Message}", e);
        }
    }

    /// <summary><c>lottery.sha256</c>: the hash of <c>lottery.json</c>'s bytes in <c>sha256sum</c>'s format.</summary>
    public static byte[] WriteHash(byte[] lotteryJson) => Utf8.GetBytes(Sha256(lotteryJson) + "  lottery.json\n");

    /// <summary>The hash recorded in <c>lottery.sha256</c>, or null when the text is not in that format.</summary>
    public static string? ReadHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = text.Split(' ', 2)[0].Trim();
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) ? hash : null;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string CsvField(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
