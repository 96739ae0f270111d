using System.CommandLine;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting draw --people P.csv --categories C.csv --size K [--algorithm A] [--panels M] [--id-column COL]
/// [--address-columns A,B] [--population FILE] --out DIR</c>: computes the distribution over panels, rounds it to a
/// uniform lottery over M slots and commits to it by writing <c>lottery.json</c> and its SHA-256 before any seed exists.
/// </summary>
internal static class DrawCommand
{
    /// <summary>The algorithms <c>--algorithm</c> accepts.</summary>
    public static readonly string[] Algorithms = ["leximin", "maximin", "legacy"];

    /// <summary>The options <c>draw</c> and <c>audit</c> share.</summary>
    internal sealed record Options(
        Option<FileInfo> People,
        Option<FileInfo> Categories,
        Option<int> Size,
        Option<string> Algorithm,
        Option<int> Panels,
        Option<string?> IdColumn,
        Option<string?> AddressColumns,
        Option<FileInfo?> Population,
        Option<DirectoryInfo> Out)
    {
        public static Options Create()
        {
            var algorithm = new Option<string>("--algorithm") { Description = "leximin (default), maximin or legacy.", DefaultValueFactory = _ => "leximin" };
            algorithm.AcceptOnlyFromAmong(Algorithms);
            return new Options(
                new Option<FileInfo>("--people") { Description = "The people CSV: one row per volunteer.", Required = true },
                new Option<FileInfo>("--categories") { Description = "The categories CSV: feature,value,min,max[,min_flex,max_flex].", Required = true },
                new Option<int>("--size") { Description = "The panel size k.", Required = true },
                algorithm,
                new Option<int>("--panels") { Description = "The number of panel slots m of the uniform lottery (default 1000).", DefaultValueFactory = _ => LotteryRounding.DefaultSlots },
                new Option<string?>("--id-column") { Description = "The people file's id column (default: ids are data-row numbers)." },
                new Option<string?>("--address-columns") { Description = "Comma-separated address columns: at most one person per household." },
                new Option<FileInfo?>("--population") { Description = "Population shares, a CSV feature,value,share, for the report." },
                new Option<DirectoryInfo>("--out") { Description = "The lottery folder.", Required = true });
        }

        public IEnumerable<Option> All => [People, Categories, Size, Algorithm, Panels, IdColumn, AddressColumns, Population, Out];
    }

    /// <summary>Builds the command; <paramref name="selector"/> computes the distribution.</summary>
    public static Command Create(CliConsole console, PanelSelector selector)
    {
        var options = Options.Create();
        var command = new Command("draw", "Compute the panel distribution, round it to a uniform lottery and commit to it (lottery.json + lottery.sha256).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => Execute(console, selector,
            parse.GetValue(options.People)!, parse.GetValue(options.Categories)!, parse.GetValue(options.Size),
            parse.GetValue(options.Algorithm)!, parse.GetValue(options.Panels), parse.GetValue(options.IdColumn),
            LotteryFolder.SplitColumns(parse.GetValue(options.AddressColumns)), parse.GetValue(options.Population), parse.GetValue(options.Out)!));
        return command;
    }

    private static int Execute(
        CliConsole console, PanelSelector selector, FileInfo people, FileInfo categories, int size, string algorithm, int panels,
        string? idColumn, IReadOnlyList<string> addressColumns, FileInfo? population, DirectoryInfo output)
    {
        int Fail(int code, string message)
        {
            console.Error.Write($"budgeting draw: {message}\n");
            return code;
        }

        try
        {
            if (size < 1)
            {
                return Fail(ExitCodes.BadInput, $"--size must be at least 1, not {size}");
            }

            if (panels < 1 || panels > 1_000_000)
            {
                return Fail(ExitCodes.BadInput, $"--panels must be between 1 and 1000000, not {panels}");
            }

            foreach (var file in new[] { people, categories, population })
            {
                if (file is not null && !file.Exists)
                {
                    return Fail(ExitCodes.BadInput, $"{file}: no such file");
                }
            }

            var peopleBytes = File.ReadAllBytes(people.FullName);
            var categoriesBytes = File.ReadAllBytes(categories.FullName);
            var populationBytes = population is null ? null : File.ReadAllBytes(population.FullName);
            var inputs = new LotteryInputs(
                LotteryFile.Sha256(peopleBytes), LotteryFile.Sha256(categoriesBytes),
                populationBytes is null ? null : LotteryFile.Sha256(populationBytes), idColumn, addressColumns);
            var pool = LotteryFolder.LoadPool(peopleBytes, people.ToString(), categoriesBytes, categories.ToString(), size, inputs);
            var shares = LotteryFolder.LoadPopulation(populationBytes, population?.ToString() ?? "", pool);

            var selection = selector(pool, size, algorithm);
            if (selection.Distribution is not { } distribution)
            {
                return Fail(ExitCodes.BadInput, "the quotas are infeasible: " + (selection.Infeasible ?? "no panel meets them."));
            }

            CommittedLottery committed;
            try
            {
                committed = LotteryDraw.Commit(pool, distribution, inputs, size, panels);
            }
            catch (InvalidOperationException e)
            {
                return Fail(ExitCodes.Unexpected, $"internal error: {e.Message}");
            }

            var (lottery, document, json, hash, probabilities) = committed;

            var folder = output.FullName;
            Directory.CreateDirectory(folder);
            foreach (var stale in new[] { LotteryFolder.Reveal, LotteryFolder.Selected, LotteryFolder.Remaining, LotteryFolder.Population })
            {
                File.Delete(Path.Combine(folder, stale));
            }

            LotteryFolder.Write(folder, LotteryFolder.People, peopleBytes);
            LotteryFolder.Write(folder, LotteryFolder.Categories, categoriesBytes);
            if (populationBytes is not null)
            {
                LotteryFolder.Write(folder, LotteryFolder.Population, populationBytes);
            }

            LotteryFolder.Write(folder, LotteryFolder.Probabilities, probabilities);
            LotteryFolder.Write(folder, LotteryFolder.Lottery, json);
            LotteryFolder.Write(folder, LotteryFolder.Hash, LotteryFile.WriteHash(json));
            LotteryFolder.WriteReports(folder, new LotteryReportInput(pool, document, hash, distribution.PersonProbabilities, shares, null));

            console.Out.Write($"{algorithm}: {lottery.M} panel slots of {size} from a pool of {pool.People.Count}; " +
                              $"rounding moved probabilities by at most {LotteryFile.Number(lottery.MaxChange)} (bound {LotteryFile.Number(lottery.Bound)}).\n");
            console.Out.Write($"lottery.json SHA-256: {hash}\nPublish this hash before the seed; then run: budgeting reveal --seed SEED --out {output}\n");
            return ExitCodes.Ok;
        }
        catch (SortitionInputException e)
        {
            foreach (var problem in e.Problems.Count > 0 ? e.Problems.Select(p => p.ToString()) : [e.Message])
            {
                console.Error.Write($"budgeting draw: {LotteryFolder.OneLine(problem)}\n");
            }

            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            return Fail(ExitCodes.BadInput, LotteryFolder.OneLine(e.Message));
        }
    }
}
