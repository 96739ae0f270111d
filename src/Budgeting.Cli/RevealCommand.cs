using System.CommandLine;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting reveal --seed SEED --out DIR</c>: once the seed is published, checks the committed lottery against its hash
/// and picks slot <c>SeededStream(seed).NextBelow(m)</c>; writes <c>selected.csv</c>, <c>remaining.csv</c>,
/// <c>reveal.json</c> and the report with the chosen index.
/// </summary>
internal static class RevealCommand
{
    /// <summary>Exit code when the folder's files do not match the committed hashes (they were changed after the draw).</summary>
    public const int Tampered = 1;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var seed = new Option<string>("--seed") { Description = "The published seed.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "The lottery folder written by draw.", Required = true };
        var command = new Command("reveal", "Pick the panel of a committed lottery with the published seed.") { seed, output };
        command.SetAction(parse => Execute(console, parse.GetValue(seed)!, parse.GetValue(output)!));
        return command;
    }

    /// <summary>Reads a committed lottery folder, checking the lottery hash and the input copies' hashes.</summary>
    internal static (LotteryDocument Document, string Hash, Pool Pool, byte[] Probabilities, PopulationShares? Population)? Open(
        string folder, string command, CliConsole console, out int code)
    {
        code = ExitCodes.Ok;
        var json = LotteryFolder.ReadIfExists(folder, LotteryFolder.Lottery);
        var hashText = LotteryFolder.ReadIfExists(folder, LotteryFolder.Hash);
        var people = LotteryFolder.ReadIfExists(folder, LotteryFolder.People);
        var categories = LotteryFolder.ReadIfExists(folder, LotteryFolder.Categories);
        var probabilities = LotteryFolder.ReadIfExists(folder, LotteryFolder.Probabilities);
        if (json is null || hashText is null || people is null || categories is null || probabilities is null)
        {
            console.Error.Write($"budgeting {command}: {folder} is not a lottery folder written by draw (lottery.json, lottery.sha256, probabilities.csv, people.csv or categories.csv is missing)\n");
            code = ExitCodes.BadInput;
            return null;
        }

        var hash = LotteryFile.Sha256(json);
        var problems = new List<string>();
        if (LotteryFile.ReadHash(System.Text.Encoding.UTF8.GetString(hashText)) != hash)
        {
            problems.Add("lottery.json does not match lottery.sha256");
        }

        LotteryDocument document;
        try
        {
            document = LotteryFile.Parse(json);
        }
        catch (FormatException e)
        {
            problems.Add(e.Message);
            return Tamper(problems, command, console, out code);
        }

        if (LotteryFile.Sha256(people) != document.Inputs.PeopleSha256)
        {
            problems.Add("people.csv is not the people file the lottery was drawn from");
        }

        if (LotteryFile.Sha256(categories) != document.Inputs.CategoriesSha256)
        {
            problems.Add("categories.csv is not the categories file the lottery was drawn from");
        }

        if (LotteryFile.Sha256(probabilities) != document.ProbabilitiesSha256)
        {
            problems.Add("probabilities.csv is not the one lottery.json commits to");
        }

        var populationBytes = LotteryFolder.ReadIfExists(folder, LotteryFolder.Population);
        if (document.Inputs.PopulationSha256 is { } populationHash && (populationBytes is null || LotteryFile.Sha256(populationBytes) != populationHash))
        {
            problems.Add("population.csv is not the population file the lottery was drawn with");
        }

        if (problems.Count > 0)
        {
            return Tamper(problems, command, console, out code);
        }

        var pool = LotteryFolder.LoadPool(people, Path.Combine(folder, LotteryFolder.People), categories, Path.Combine(folder, LotteryFolder.Categories), document.Size, document.Inputs);
        var population = document.Inputs.PopulationSha256 is null ? null : LotteryFolder.LoadPopulation(populationBytes, LotteryFolder.Population, pool);
        return (document, hash, pool, probabilities, population);
    }

    private static (LotteryDocument, string, Pool, byte[], PopulationShares?)? Tamper(List<string> problems, string command, CliConsole console, out int code)
    {
        foreach (var problem in problems)
        {
            console.Error.Write($"budgeting {command}: {LotteryFolder.OneLine(problem)}\n");
        }

        code = Tampered;
        return null;
    }

    private static int Execute(CliConsole console, string seed, DirectoryInfo output)
    {
        try
        {
            var folder = output.FullName;
            if (Open(folder, "reveal", console, out var code) is not var (document, hash, pool, probabilities, population))
            {
                return code;
            }

            if (ReplacementFolder.List(folder).Rounds.Count > 0
                && LotteryFolder.ReadIfExists(folder, LotteryFolder.Reveal) is { } previous && RevealRecord.Parse(previous).Seed != seed)
            {
                console.Error.Write("budgeting reveal: the panel was revealed with another seed and replacement rounds were drawn from it; a new seed would orphan them\n");
                return ExitCodes.BadInput;
            }

            var index = PanelChoice.Index(seed, document.M);
            var reveal = new RevealRecord(seed, index, hash);
            var chosen = LotteryFolder.Members(pool, document, index);
            LotteryFolder.Write(folder, LotteryFolder.Selected, LotteryFolder.Rows(pool, chosen, selected: true));
            LotteryFolder.Write(folder, LotteryFolder.Remaining, LotteryFolder.Rows(pool, chosen, selected: false));
            LotteryFolder.Write(folder, LotteryFolder.Reveal, reveal.ToBytes());
            LotteryFolder.WriteReports(folder, new LotteryReportInput(pool, document, hash, LotteryFolder.Before(pool, probabilities), population, reveal));
            console.Out.Write($"seed {seed} chose panel slot {index} of {document.M} (lottery.json SHA-256 {hash}):\n");
            console.Out.Write(string.Join(", ", document.Panels[index].Members) + "\n");
            return ExitCodes.Ok;
        }
        catch (SortitionInputException e)
        {
            console.Error.Write($"budgeting reveal: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            console.Error.Write($"budgeting reveal: {LotteryFolder.OneLine(e.Message)}\n");
            return ExitCodes.BadInput;
        }
    }
}
