using System.Globalization;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli;

/// <summary>
/// <c>audit</c>'s check of the replacement rounds: every round is re-derived from the inputs, the panel before it
/// (itself re-derived from the published seeds, never read from the folder) and its committed dropouts, and each of its
/// files is compared with what it must hold. Each finding names the round's file.
/// </summary>
internal static class ReplacementAudit
{
    /// <summary>The number of rounds with a <c>reveal.json</c>: how many <c>--replacement-seed</c> the audit needs.</summary>
    public static int RevealedRounds(string folder) =>
        ReplacementFolder.List(folder).Rounds.Count(r => File.Exists(Path.Combine(ReplacementFolder.RoundPath(folder, r), LotteryFolder.Reveal)));

    /// <summary>
    /// Checks the rounds of <paramref name="folder"/> after the panel <paramref name="drawn"/> (re-derived from the draw's
    /// seed), with one published seed per revealed round; adds findings. Returns the number of rounds that check out.
    /// </summary>
    public static int Check(string folder, Pool pool, LotteryDocument main, IReadOnlyCollection<int> drawn, IReadOnlyList<string> seeds, List<string> findings)
    {
        var (rounds, strays) = ReplacementFolder.List(folder);
        foreach (var stray in strays)
        {
            findings.Add($"{ReplacementFolder.Folder}/{stray}: not a round folder (expected {ReplacementFolder.RoundName(1)}, {ReplacementFolder.RoundName(2)}, …)");
        }

        var index = ReplacementFolder.IndexById(pool);
        var panel = drawn.Order().ToList();
        var excluded = new HashSet<int>();
        var passed = 0;
        for (var r = 1; r <= rounds.Count; r++)
        {
            var name = $"{ReplacementFolder.Folder}/{ReplacementFolder.RoundName(r)}";
            if (rounds[r - 1] != r)
            {
                findings.Add($"{name} is missing but {ReplacementFolder.Folder}/{ReplacementFolder.RoundName(rounds[r - 1])} exists");
                break;
            }

            var before = findings.Count;
            var next = CheckRound(ReplacementFolder.RoundPath(folder, r), name, r, pool, main, index, panel, excluded, r <= seeds.Count ? seeds[r - 1] : null, findings);
            if (next is null)
            {
                if (r < rounds.Count && findings.Count == before)
                {
                    findings.Add($"{name} was never revealed, yet {ReplacementFolder.Folder}/{ReplacementFolder.RoundName(r + 1)} follows it");
                }

                break;
            }

            if (findings.Count == before)
            {
                passed++;
            }

            (panel, var dropouts) = next.Value;
            excluded.UnionWith(dropouts);
        }

        for (var r = rounds.Count + 1; r <= seeds.Count; r++)
        {
            findings.Add($"{ReplacementFolder.Folder}/{ReplacementFolder.RoundName(r)}: a seed was given for it, but the folder is missing");
        }

        return passed;
    }

    // Checks one round; returns the panel after it and its dropouts, or null when the chain cannot go on (the round is
    // pending, or too broken to know its panel).
    private static (List<int> Panel, List<int> Dropouts)? CheckRound(
        string path, string name, int number, Pool pool, LotteryDocument main, Dictionary<string, int> index,
        List<int> panel, HashSet<int> excluded, string? seed, List<string> findings)
    {
        byte[]? Read(string file)
        {
            var bytes = LotteryFolder.ReadIfExists(path, file);
            if (bytes is null)
            {
                findings.Add($"{name}/{file} is missing");
            }

            return bytes;
        }

        var json = Read(LotteryFolder.Lottery);
        var hashText = Read(LotteryFolder.Hash);
        var dropoutBytes = Read(ReplacementFolder.Dropouts);
        var probabilities = Read(LotteryFolder.Probabilities);
        if (json is null)
        {
            return null;
        }

        var hash = LotteryFile.Sha256(json);
        if (hashText is not null && LotteryFile.ReadHash(System.Text.Encoding.UTF8.GetString(hashText)) is var recorded && recorded != hash)
        {
            findings.Add($"{name}/lottery.sha256 records {recorded ?? "no valid hash"} but {name}/lottery.json hashes to {hash} (one of them was changed)");
        }

        LotteryDocument document;
        try
        {
            document = LotteryFile.Parse(json);
        }
        catch (FormatException e)
        {
            findings.Add($"{name}/{e.Message}");
            return null;
        }

        if (document.Replacement is not { } round || round.Number != number)
        {
            findings.Add($"{name}/lottery.json: not the replacement lottery of round {number}");
            return null;
        }

        if (document.Algorithm != main.Algorithm)
        {
            findings.Add($"{name}/lottery.json: drawn with {document.Algorithm}, the lottery with {main.Algorithm}");
        }

        if (document.Inputs.PeopleSha256 != main.Inputs.PeopleSha256 || document.Inputs.CategoriesSha256 != main.Inputs.CategoriesSha256
            || document.Inputs.PopulationSha256 != main.Inputs.PopulationSha256 || document.Inputs.IdColumn != main.Inputs.IdColumn
            || !document.Inputs.AddressColumns.SequenceEqual(main.Inputs.AddressColumns))
        {
            findings.Add($"{name}/lottery.json: records other inputs than lottery.json");
        }

        // The dropouts: the committed list, its file and hash, and that each was on the panel before the round.
        if (dropoutBytes is not null)
        {
            if (LotteryFile.Sha256(dropoutBytes) != round.DropoutsSha256)
            {
                findings.Add($"{name}/dropouts.csv: its SHA-256 is not the {round.DropoutsSha256} {name}/lottery.json commits to (it was changed after the commitment)");
            }
            else
            {
                try
                {
                    if (!DropoutsFile.Read(dropoutBytes, $"{name}/dropouts.csv").Select(d => d.Id).SequenceEqual(round.Dropouts))
                    {
                        findings.Add($"{name}/dropouts.csv: does not list the dropouts {name}/lottery.json names");
                    }
                }
                catch (SortitionInputException e)
                {
                    findings.Add(e.Problems[0].ToString());
                }
            }
        }

        var basis = number == 1 ? "the panel the draw's seed chooses" : $"the panel after round {number - 1}";
        if (LotteryFile.Sha256(LotteryFolder.Rows(pool, panel.ToHashSet(), selected: true)) != round.PanelSha256)
        {
            findings.Add($"{name}/lottery.json: commits to another panel than {basis}");
        }

        var dropouts = new List<int>();
        foreach (var id in round.Dropouts)
        {
            if (!index.TryGetValue(id, out var person) || !panel.Contains(person) || dropouts.Contains(person))
            {
                findings.Add($"{name}/lottery.json: dropout '{id}' is not on {basis} (or is named twice)");
                return null;
            }

            dropouts.Add(person);
        }

        if (round.Dropouts.Count == 0)
        {
            findings.Add($"{name}/lottery.json: names no dropout");
            return null;
        }

        var expectedExcluded = excluded.Order().Select(i => pool.People[i].Id).ToArray();
        if (!round.Excluded.SequenceEqual(expectedExcluded))
        {
            findings.Add($"{name}/lottery.json: excludes [{string.Join(", ", round.Excluded)}], not the earlier rounds' dropouts [{string.Join(", ", expectedExcluded)}]");
        }

        // Every slot, joined with the members who stay, must meet the size, quotas and households, drawing nobody barred.
        var kept = panel.Where(p => !dropouts.Contains(p)).ToList();
        var keptHouseholds = kept.Select(p => pool.People[p].Household).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var slotProblems = 0;
        for (var s = 0; s < document.M && slotProblems < 10; s++)
        {
            var members = new List<int>();
            foreach (var id in document.Panels[s].Members)
            {
                if (!index.TryGetValue(id, out var person))
                {
                    findings.Add($"{name}/lottery.json panel {s}: member '{id}' is not in the pool");
                    slotProblems++;
                }
                else if (panel.Contains(person) || excluded.Contains(person))
                {
                    findings.Add($"{name}/lottery.json panel {s}: '{id}' may not be drawn (on the panel, or an earlier dropout)");
                    slotProblems++;
                }
                else
                {
                    members.Add(person);
                }
            }

            foreach (var problem in PanelCheck.Violations(pool, [.. kept, .. members], main.Size))
            {
                findings.Add($"{name}/lottery.json panel {s}: with the members who stay, the panel {problem}");
                slotProblems++;
            }
        }

        // Re-derive the whole round from the inputs, the panel before it and the dropouts: the files must be these bytes.
        var (plan, lottery) = ReplaceCommand.Draw(pool, main.Algorithm, panel, dropouts, excluded, Math.Max(1, document.M), out var infeasible);
        List<int>? chosen = null;
        if (infeasible is not null)
        {
            findings.Add($"{name}/lottery.json: no replacement set restores the quotas for these dropouts, so no lottery can be right ({infeasible})");
        }
        else
        {
            var expectedProbabilities = LotteryFile.WriteProbabilities(pool, plan!.Distribution);
            var expectedRound = round with
            {
                PanelSha256 = LotteryFile.Sha256(LotteryFolder.Rows(pool, panel.ToHashSet(), selected: true)),
                DropoutsSha256 = LotteryFile.Sha256(DropoutsFile.Write(round.Dropouts)),
                Excluded = expectedExcluded,
            };
            var expected = LotteryFile.Write(LotteryFile.Create(pool, lottery!, main.Inputs, LotteryFile.Sha256(expectedProbabilities), expectedRound));
            if (!json.AsSpan().SequenceEqual(expected))
            {
                findings.Add($"{name}/lottery.json: is not the replacement lottery re-derived from the inputs, {basis} and the dropouts (SHA-256 {LotteryFile.Sha256(expected)} expected)");
            }

            if (probabilities is not null && !probabilities.AsSpan().SequenceEqual(expectedProbabilities))
            {
                findings.Add($"{name}/probabilities.csv: is not the re-derived replacement distribution's probabilities");
            }

            if (seed is not null)
            {
                chosen = [.. lottery!.Slots[PanelChoice.Index(seed, lottery.M)]];
            }
        }

        // The reveal: the published seed's slot of the re-derived lottery, and the files it wrote.
        var revealBytes = LotteryFolder.ReadIfExists(path, LotteryFolder.Reveal);
        if (revealBytes is null)
        {
            if (seed is not null)
            {
                findings.Add($"{name}/reveal.json is missing, but a seed was given for round {number}");
            }

            return null;
        }

        if (seed is null)
        {
            return null;
        }

        try
        {
            var reveal = RevealRecord.Parse(revealBytes);
            if (reveal.Seed != seed)
            {
                findings.Add($"{name}/reveal.json: revealed with seed '{reveal.Seed}', audited with '{seed}'");
            }

            var expectedIndex = PanelChoice.Index(seed, Math.Max(1, document.M));
            if (reveal.Index != expectedIndex)
            {
                findings.Add(string.Create(CultureInfo.InvariantCulture, $"{name}/reveal.json: records slot {reveal.Index} but the seed gives {expectedIndex}"));
            }

            if (reveal.LotterySha256 != hash)
            {
                findings.Add($"{name}/reveal.json: the round was revealed from another lottery.json (its hash differs)");
            }
        }
        catch (FormatException e)
        {
            findings.Add($"{name}/{e.Message}");
        }

        if (chosen is null)
        {
            return null;
        }

        var after = ReplacementFolder.After(panel, dropouts, chosen);
        Compare(path, name, LotteryFolder.Selected, LotteryFolder.Rows(pool, chosen.ToHashSet(), selected: true), "the replacements the seed chooses", findings);
        Compare(path, name, ReplacementFolder.Panel, LotteryFolder.Rows(pool, after.ToHashSet(), selected: true), "the panel after the round", findings);
        return (after, dropouts);
    }

    private static void Compare(string path, string name, string file, byte[] expected, string what, List<string> findings)
    {
        var actual = LotteryFolder.ReadIfExists(path, file);
        if (actual is null)
        {
            findings.Add($"{name}/{file} is missing");
        }
        else if (!actual.AsSpan().SequenceEqual(expected))
        {
            findings.Add($"{name}/{file}: does not hold exactly the rows of {what}");
        }
    }
}
