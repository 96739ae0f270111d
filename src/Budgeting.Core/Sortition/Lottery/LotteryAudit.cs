namespace Budgeting.Sortition.Lottery;

/// <summary>
/// Re-checks a committed and revealed lottery: the hash, every panel, the probabilities and the chosen index.
/// Each finding names the file and what is wrong with it; no findings means the audit passed.
/// </summary>
public static class LotteryAudit
{
    /// <summary>Slack for comparing doubles that were written in round-trip form.</summary>
    private const double Slack = 1e-9;

    /// <summary>Everything wrong with the lottery in <paramref name="files"/> for <paramref name="pool"/>; empty when all holds.</summary>
    public static IReadOnlyList<string> Check(Pool pool, int size, LotteryInputs inputs, LotteryFiles files, string seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(seed);
        var findings = new List<string>();
        if (files.LotteryJson is null)
        {
            findings.Add("lottery.json is missing");
            return findings;
        }

        var actualHash = LotteryFile.Sha256(files.LotteryJson);
        var recordedHash = files.HashText is null ? null : LotteryFile.ReadHash(files.HashText);
        if (files.HashText is null)
        {
            findings.Add("lottery.sha256 is missing");
        }
        else if (recordedHash != actualHash)
        {
            findings.Add($"lottery hash: lottery.sha256 records {recordedHash ?? "no valid hash"} but lottery.json hashes to {actualHash} (lottery.json or lottery.sha256 was changed)");
        }

        LotteryDocument document;
        try
        {
            document = LotteryFile.Parse(files.LotteryJson);
        }
        catch (FormatException e)
        {
            findings.Add(e.Message);
            return findings;
        }

        CheckInputs(document, size, inputs, findings);
        var after = CheckPanels(pool, document, size, findings);
        CheckProbabilities(pool, document, files.ProbabilitiesCsv, after, findings);
        CheckReveal(document, files.Reveal, seed, actualHash, findings);
        return findings;
    }

    private static void CheckInputs(LotteryDocument document, int size, LotteryInputs inputs, List<string> findings)
    {
        if (document.Size != size)
        {
            findings.Add($"lottery.json: drawn for panels of {document.Size}, audited for {size}");
        }

        if (document.Inputs.PeopleSha256 != inputs.PeopleSha256)
        {
            findings.Add($"people file: its SHA-256 {inputs.PeopleSha256} is not the {document.Inputs.PeopleSha256} the lottery was drawn from");
        }

        if (document.Inputs.CategoriesSha256 != inputs.CategoriesSha256)
        {
            findings.Add($"categories file: its SHA-256 {inputs.CategoriesSha256} is not the {document.Inputs.CategoriesSha256} the lottery was drawn from");
        }

        if (document.Inputs.IdColumn != inputs.IdColumn || !document.Inputs.AddressColumns.SequenceEqual(inputs.AddressColumns))
        {
            findings.Add("lottery.json: drawn with other --id-column/--address-columns than the audit's");
        }
    }

    // Checks every slot and returns each person's slot count (null entries for unknown ids are reported, not counted).
    private static int[] CheckPanels(Pool pool, LotteryDocument document, int size, List<string> findings)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            index.TryAdd(pool.People[i].Id, i);
        }

        var counts = new int[pool.People.Count];
        var m = document.M;
        if (m == 0)
        {
            findings.Add("lottery.json: the lottery has no panels");
            return counts;
        }

        if (document.PoolSize != pool.People.Count)
        {
            findings.Add($"lottery.json: drawn from a pool of {document.PoolSize}, the people file has {pool.People.Count}");
        }

        for (var s = 0; s < m; s++)
        {
            var slot = document.Panels[s];
            if (Math.Abs(slot.Probability - (1.0 / m)) > Slack)
            {
                findings.Add($"lottery.json panel {s}: probability {LotteryFile.Number(slot.Probability)} is not 1/{m}");
            }

            var members = new List<int>(slot.Members.Count);
            foreach (var id in slot.Members)
            {
                if (index.TryGetValue(id, out var i))
                {
                    members.Add(i);
                    counts[i]++;
                }
                else
                {
                    findings.Add($"lottery.json panel {s}: member '{id}' is not in the pool");
                }
            }

            foreach (var problem in PanelCheck.Violations(pool, members, size))
            {
                findings.Add($"lottery.json panel {s}: {problem}");
            }
        }

        return counts;
    }

    private static void CheckProbabilities(Pool pool, LotteryDocument document, byte[]? csv, int[] counts, List<string> findings)
    {
        if (csv is null)
        {
            findings.Add("probabilities.csv is missing");
            return;
        }

        if (LotteryFile.Sha256(csv) != document.ProbabilitiesSha256)
        {
            findings.Add("probabilities.csv: its SHA-256 is not the one lottery.json commits to (it was changed after the draw)");
        }

        IReadOnlyList<KeyValuePair<string, double>> rows;
        try
        {
            rows = LotteryFile.ReadProbabilities(csv);
        }
        catch (FormatException e)
        {
            findings.Add(e.Message);
            return;
        }

        if (rows.Count != pool.People.Count)
        {
            findings.Add($"probabilities.csv: {rows.Count} rows for a pool of {pool.People.Count}");
        }

        var m = Math.Max(1, document.M);
        var bound = (double)(document.Size + 1) / m;
        var sum = 0.0;
        for (var i = 0; i < Math.Min(rows.Count, pool.People.Count); i++)
        {
            var (id, p) = (rows[i].Key, rows[i].Value);
            sum += p;
            if (id != pool.People[i].Id)
            {
                findings.Add($"probabilities.csv row {i + 2}: id '{id}' where the pool has '{pool.People[i].Id}'");
                continue;
            }

            var after = (double)counts[i] / m;
            if (!(p >= 0 && p <= 1) || Math.Abs(p - after) >= bound + Slack)
            {
                findings.Add($"probabilities.csv: person '{id}' has probability {LotteryFile.Number(p)} but is on {counts[i]} of {m} panels ({LotteryFile.Number(after)}), more than the rounding bound {LotteryFile.Number(bound)} apart");
            }
        }

        if (rows.Count == pool.People.Count && Math.Abs(sum - document.Size) > 1e-6)
        {
            findings.Add($"probabilities.csv: the probabilities sum to {LotteryFile.Number(sum)}, not the panel size {document.Size}");
        }
    }

    private static void CheckReveal(LotteryDocument document, RevealRecord? reveal, string seed, string lotteryHash, List<string> findings)
    {
        if (reveal is null)
        {
            findings.Add("reveal.json is missing: no panel was revealed");
            return;
        }

        if (reveal.Seed != seed)
        {
            findings.Add($"reveal.json: revealed with seed '{reveal.Seed}', audited with '{seed}'");
        }

        if (document.M > 0)
        {
            var index = PanelChoice.Index(seed, document.M);
            if (reveal.Index != index)
            {
                findings.Add($"reveal.json: records panel index {reveal.Index} but the seed gives {index}");
            }
        }

        if (reveal.LotterySha256 != lotteryHash)
        {
            findings.Add("reveal.json: the panel was revealed from another lottery.json (its hash differs)");
        }
    }
}
