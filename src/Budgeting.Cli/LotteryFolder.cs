using System.Text;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>The files of a lottery folder (<c>draw</c>, <c>reveal</c>, <c>audit</c>) and helpers to read and write them.</summary>
internal static class LotteryFolder
{
    public const string Lottery = "lottery.json";
    public const string Hash = "lottery.sha256";
    public const string Probabilities = "probabilities.csv";
    public const string Report = "report.md";
    public const string ReportJson = "report.json";
    public const string Reveal = "reveal.json";
    public const string Selected = "selected.csv";
    public const string Remaining = "remaining.csv";
    public const string People = "people.csv";
    public const string Categories = "categories.csv";
    public const string Population = "population.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static byte[]? ReadIfExists(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public static void Write(string folder, string name, byte[] bytes) =>
        AtomicFile.Write(Path.Combine(folder, name), stream => stream.Write(bytes));

    public static void Write(string folder, string name, string text) => Write(folder, name, Utf8.GetBytes(text));

    public static Pool LoadPool(byte[] people, string peopleName, byte[] categories, string categoriesName, int size, LotteryInputs inputs) =>
        LotteryDraw.LoadPool(people, peopleName, categories, categoriesName, size, inputs);

    public static PopulationShares? LoadPopulation(byte[]? bytes, string name, Pool pool)
    {
        if (bytes is null)
        {
            return null;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return PopulationShares.Read(stream, name, pool.Features);
    }

    /// <summary>The people's full rows (header first) as CSV: the chosen ones, or everyone else.</summary>
    public static byte[] Rows(Pool pool, IReadOnlySet<int> chosen, bool selected)
    {
        var text = new StringBuilder();
        if (pool.Columns is { } columns)
        {
            text.Append(string.Join(',', columns.Select(Field))).Append('\n');
        }

        for (var i = 0; i < pool.People.Count; i++)
        {
            if (chosen.Contains(i) == selected)
            {
                var person = pool.People[i];
                text.Append(string.Join(',', (person.Fields ?? [person.Id]).Select(Field))).Append('\n');
            }
        }

        return Utf8.GetBytes(text.ToString());
    }

    /// <summary>The pool indices of slot <paramref name="index"/>'s members.</summary>
    public static HashSet<int> Members(Pool pool, LotteryDocument document, int index) => LotteryDraw.Members(pool, document, index);

    /// <summary>Each person's probability before rounding, read from probabilities.csv, by pool index (0 when absent).</summary>
    public static double[] Before(Pool pool, byte[] probabilities) => LotteryDraw.Before(pool, probabilities);

    public static void WriteReports(string folder, LotteryReportInput input)
    {
        Write(folder, Report, LotteryReport.ToMarkdown(input));
        Write(folder, ReportJson, LotteryReport.ToJson(input));
    }

    public static IReadOnlyList<string> SplitColumns(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string OneLine(string message) =>
        string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
