using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Selection;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// The steps of a verifiable panel draw that <c>budgeting draw</c>, <c>reveal</c> and <c>replace</c> and the service
/// share: read the pool from the uploaded bytes, compute the distribution, round it and build the canonical lottery
/// to commit to, find the chosen slot's members, and the same for a replacement round after dropouts
/// (docs/lottery.md).
/// </summary>
public static class LotteryDraw
{
    /// <summary>The most slots a lottery may have.</summary>
    public const int MaxSlots = 1_000_000;

    /// <summary>
    /// Reads and validates the people and categories files (<see cref="SortitionInputs.Load(Stream, string, Stream, string, int, SortitionInputOptions?)"/>)
    /// with the reading options recorded in <paramref name="inputs"/>.
    /// </summary>
    /// <param name="people">The people file's bytes.</param>
    /// <param name="peopleName">The people file's name, for messages.</param>
    /// <param name="categories">The categories file's bytes.</param>
    /// <param name="categoriesName">The categories file's name, for messages.</param>
    /// <param name="size">The panel size the quotas are checked against.</param>
    /// <param name="inputs">The id column and address columns.</param>
    /// <exception cref="SortitionInputException">Listing every problem, each with its file, line and column.</exception>
    public static Pool LoadPool(byte[] people, string peopleName, byte[] categories, string categoriesName, int size, LotteryInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var peopleStream = new MemoryStream(people, writable: false);
        using var categoriesStream = new MemoryStream(categories, writable: false);
        return SortitionInputs.Load(peopleStream, peopleName, categoriesStream, categoriesName, size,
            new SortitionInputOptions(inputs.IdColumn, inputs.AddressColumns.Count == 0 ? null : inputs.AddressColumns));
    }

    /// <summary>
    /// The distribution over panels by the named algorithm (leximin, maximin or legacy; <see cref="SelectionAlgorithms"/>),
    /// or, when no panel meets the quotas, the explanation (the quotas in conflict and the smallest relaxation within
    /// min_flex/max_flex). This may take seconds on a large pool.
    /// </summary>
    /// <exception cref="ArgumentException">The algorithm is unknown.</exception>
    public static PanelSelection Select(Pool pool, int size, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        try
        {
            if (algorithm.Trim().Equals("legacy", StringComparison.OrdinalIgnoreCase))
            {
                // The greedy algorithm only notices infeasibility by failing; ask the feasibility check for the explanation.
                var report = PanelFeasibility.Check(pool, size);
                if (!report.Feasible)
                {
                    return new PanelSelection(null, report.Describe());
                }
            }

            return new PanelSelection(SelectionAlgorithms.Create(algorithm).Select(pool, size), null);
        }
        catch (InfeasibleQuotasException e)
        {
            return new PanelSelection(null, e.Message);
        }
    }

    /// <summary>
    /// Rounds <paramref name="distribution"/> to a uniform lottery over <paramref name="slots"/> slots, checks every
    /// slot against the quotas and households, and builds the canonical <c>lottery.json</c> with its hash.
    /// </summary>
    /// <param name="pool">The pool the distribution is over.</param>
    /// <param name="distribution">The distribution over panels.</param>
    /// <param name="inputs">The input files' hashes and reading options, recorded in the lottery.</param>
    /// <param name="size">The panel size.</param>
    /// <param name="slots">The number of slots m.</param>
    /// <exception cref="InvalidOperationException">A slot breaks a quota or the household rule (a bug in the algorithm).</exception>
    public static CommittedLottery Commit(Pool pool, PanelDistribution distribution, LotteryInputs inputs, int size, int slots = LotteryRounding.DefaultSlots)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(distribution);
        var lottery = LotteryRounding.Round(distribution, pool, slots);
        foreach (var slot in lottery.Slots.Distinct(PanelComparer.Instance))
        {
            var problems = PanelCheck.Violations(pool, slot, size);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"the {distribution.Algorithm} distribution has a panel that {problems[0]}");
            }
        }

        return Build(pool, lottery, distribution, inputs);
    }

    /// <summary>The pool indices of slot <paramref name="index"/>'s members.</summary>
    public static HashSet<int> Members(Pool pool, LotteryDocument document, int index)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(document);
        var ids = document.Panels[index].Members.ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(0, pool.People.Count).Where(i => ids.Contains(pool.People[i].Id)).ToHashSet();
    }

    /// <summary>Each person's probability before rounding, read from <c>probabilities.csv</c>, by pool index (0 when absent).</summary>
    /// <exception cref="FormatException">The bytes are not a <c>probabilities.csv</c>.</exception>
    public static double[] Before(Pool pool, byte[] probabilities)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var byId = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, p) in LotteryFile.ReadProbabilities(probabilities))
        {
            byId.TryAdd(id, p);
        }

        return pool.People.Select(p => byId.GetValueOrDefault(p.Id)).ToArray();
    }

    /// <summary>
    /// The pool indices of the dropouts named by <paramref name="ids"/>, each of whom must be on <paramref name="panel"/>.
    /// </summary>
    /// <param name="pool">The pool.</param>
    /// <param name="panel">The current panel (pool indices).</param>
    /// <param name="ids">The dropouts' ids, as given.</param>
    /// <param name="peopleName">The people file's name, for messages.</param>
    /// <param name="listName">What the list of ids is called, for messages (the CLI says <c>--dropouts</c>).</param>
    /// <exception cref="ArgumentException">No id is given, an id is unknown, off the panel or named twice; the message says which.</exception>
    public static IReadOnlyList<int> Dropouts(Pool pool, IReadOnlyCollection<int> panel, IReadOnlyList<string> ids, string peopleName, string listName)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw new ArgumentException($"{listName} names no id");
        }

        var indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            indexById.TryAdd(pool.People[i].Id, i);
        }

        var dropouts = new List<int>();
        foreach (var id in ids)
        {
            if (!indexById.TryGetValue(id, out var index))
            {
                throw new ArgumentException($"unknown id {id}: nobody in {peopleName} has it");
            }

            if (!panel.Contains(index))
            {
                throw new ArgumentException($"{id} is not on the panel");
            }

            if (dropouts.Contains(index))
            {
                throw new ArgumentException($"{id} is named twice in {listName}");
            }

            dropouts.Add(index);
        }

        return dropouts;
    }

    /// <summary>
    /// The replacement lottery for <paramref name="dropouts"/> of <paramref name="panel"/> with the named algorithm
    /// (<see cref="ReplacementLottery.Create"/>), as a canonical <c>lottery.json</c> with its hash, to commit to before
    /// the replacement seed is published. Its slots are replacement sets; each joined with the kept members is a valid panel.
    /// </summary>
    /// <param name="pool">The pool.</param>
    /// <param name="panel">The current panel (pool indices), dropouts included.</param>
    /// <param name="dropouts">The dropouts (pool indices, a subset of the panel).</param>
    /// <param name="algorithm">The algorithm's name (the first draw's).</param>
    /// <param name="inputs">The input files' hashes and reading options (the first draw's).</param>
    /// <param name="slots">The number of slots m.</param>
    /// <param name="excluded">People who may not be drawn (for example earlier rounds' dropouts); none when null.</param>
    /// <exception cref="InfeasibleQuotasException">No replacement set restores the quotas.</exception>
    public static (ReplacementDistribution Plan, CommittedLottery Committed) CommitReplacement(
        Pool pool, IReadOnlyList<int> panel, IReadOnlyList<int> dropouts, string algorithm, LotteryInputs inputs,
        int slots = LotteryRounding.DefaultSlots, IReadOnlyCollection<int>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        var (plan, lottery) = ReplacementLottery.Create(pool, panel, dropouts, SelectionAlgorithms.Create(algorithm), slots, excluded);
        return (plan, Build(pool, lottery, plan.Distribution, inputs));
    }

    private static CommittedLottery Build(Pool pool, UniformLottery lottery, PanelDistribution distribution, LotteryInputs inputs)
    {
        var probabilities = LotteryFile.WriteProbabilities(pool, distribution);
        var document = LotteryFile.Create(pool, lottery, inputs, LotteryFile.Sha256(probabilities));
        var json = LotteryFile.Write(document);
        return new CommittedLottery(lottery, document, json, LotteryFile.Sha256(json), probabilities);
    }
}
