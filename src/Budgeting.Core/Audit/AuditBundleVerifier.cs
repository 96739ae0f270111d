using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Budgeting.Formats.Csv;
using Budgeting.Formats.Pabulib;
using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;
using Budgeting.Tallying;
using Budgeting.Tallying.Reports;

namespace Budgeting.Audit;

/// <summary>
/// Re-checks an audit bundle from its bytes alone: the manifest's hashes, each lottery round (its hash, the slot the
/// seed chooses, every panel's quotas and households), the panel's size, the order of the anonymised ballots and the
/// tally. Every finding names the file it concerns.
/// </summary>
public static class AuditBundleVerifier
{
    private static readonly string[] Required =
    [
        AuditBundle.Election, AuditBundle.Rule, AuditBundle.Categories, AuditBundle.PoolHash, AuditBundle.Features,
        AuditBundle.RoundFolder(0) + AuditBundle.LotteryName, AuditBundle.RoundFolder(0) + AuditBundle.HashName,
        AuditBundle.RoundFolder(0) + AuditBundle.RevealName, AuditBundle.Panel, AuditBundle.Results,
    ];

    /// <summary>Verifies the bundle in <paramref name="zip"/>.</summary>
    /// <exception cref="AuditBundleFormatException">It is not a zip, has no valid <c>manifest.json</c>, or the manifest does not list a required file.</exception>
    public static AuditVerification Verify(Stream zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var findings = new List<string>();
        var passed = new List<string>();
        var files = ReadVerifiedFiles(zip, findings, passed, out var ballotsName);
        var pool = CheckLottery(files, findings, passed, out var seed);
        var panelCount = CheckPanelFile(files, pool, findings, passed);
        if (ballotsName == AuditBundle.AllocationBallots)
        {
            AllocationAudit.Check(files, seed, panelCount, findings, passed);
        }
        else
        {
            CheckBallotsAndTally(files, seed, panelCount, findings, passed);
        }
        return new AuditVerification(findings, passed);
    }

    // The files whose bytes match the manifest, by name; mismatches and strays become findings.
    private static Dictionary<string, byte[]> ReadVerifiedFiles(Stream zip, List<string> findings, List<string> passed, out string ballotsName)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new AuditBundleFormatException($"not a zip file: {e.Message}", e);
        }

        using (archive)
        {
            var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                try
                {
                    using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    if (!entries.TryAdd(entry.FullName, buffer.ToArray()))
                    {
                        findings.Add($"{entry.FullName}: the zip holds it twice");
                    }
                }
                catch (InvalidDataException e)
                {
                    throw new AuditBundleFormatException($"{entry.FullName}: cannot be read from the zip: {e.Message}", e);
                }
            }

            if (!entries.TryGetValue(AuditBundle.Manifest, out var manifestBytes))
            {
                throw new AuditBundleFormatException($"no {AuditBundle.Manifest} in the zip");
            }

            var manifest = ParseManifest(manifestBytes);
            foreach (var name in Required)
            {
                if (!manifest.ContainsKey(name))
                {
                    throw new AuditBundleFormatException($"{AuditBundle.Manifest} does not list the required file {name}");
                }
            }

            ballotsName = (manifest.ContainsKey(AuditBundle.Ballots), manifest.ContainsKey(AuditBundle.AllocationBallots)) switch
            {
                (true, false) => AuditBundle.Ballots,
                (false, true) => AuditBundle.AllocationBallots,
                (true, true) => throw new AuditBundleFormatException($"{AuditBundle.Manifest} lists both {AuditBundle.Ballots} and {AuditBundle.AllocationBallots}"),
                _ => throw new AuditBundleFormatException($"{AuditBundle.Manifest} does not list the required file {AuditBundle.Ballots} (or {AuditBundle.AllocationBallots} for an allocation vote)"),
            };

            var verified = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (name, (sha256, size)) in manifest)
            {
                if (!entries.TryGetValue(name, out var bytes))
                {
                    findings.Add($"{name}: listed in {AuditBundle.Manifest} but missing from the zip");
                    continue;
                }

                var actual = LotteryFile.Sha256(bytes);
                if (actual != sha256 || bytes.Length != size)
                {
                    findings.Add($"{name}: its SHA-256 is {actual} ({bytes.Length} bytes) but {AuditBundle.Manifest} records {sha256} ({size} bytes): the file was changed");
                    continue;
                }

                verified.Add(name, bytes);
            }

            foreach (var name in entries.Keys.Where(n => n != AuditBundle.Manifest && !manifest.ContainsKey(n)).Order(StringComparer.Ordinal))
            {
                findings.Add($"{name}: in the zip but not listed in {AuditBundle.Manifest}");
            }

            if (verified.Count == manifest.Count)
            {
                passed.Add($"{AuditBundle.Manifest}: all {manifest.Count} files match their SHA-256");
            }

            return verified;
        }
    }

    private static Dictionary<string, (string Sha256, long Bytes)> ParseManifest(byte[] bytes)
    {
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.GetProperty("format").GetString() != AuditBundle.Format)
            {
                throw new AuditBundleFormatException($"{AuditBundle.Manifest}: the format is not {AuditBundle.Format}");
            }

            var files = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                var name = file.GetProperty("name").GetString() ?? "";
                if (name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Split('/').Contains(".."))
                {
                    throw new AuditBundleFormatException($"{AuditBundle.Manifest}: '{name}' is not a valid file name");
                }

                if (!files.TryAdd(name, (file.GetProperty("sha256").GetString() ?? "", file.GetProperty("bytes").GetInt64())))
                {
                    throw new AuditBundleFormatException($"{AuditBundle.Manifest}: lists {name} twice");
                }
            }

            return files;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException and not AuditBundleFormatException)
        {
            throw new AuditBundleFormatException($"{AuditBundle.Manifest} is not a valid manifest: {e.Message}", e);
        }
    }

    // Checks every lottery round; returns the panel-features pool (or null) and round 0's seed.
    private static Pool? CheckLottery(Dictionary<string, byte[]> files, List<string> findings, List<string> passed, out string? seed)
    {
        seed = null;
        Pool? pool = null;
        IReadOnlySet<string>? panel = null;
        var size = 0;
        for (var round = 0; files.ContainsKey(AuditBundle.RoundFolder(round) + AuditBundle.LotteryName); round++)
        {
            var folder = AuditBundle.RoundFolder(round);
            var json = files[folder + AuditBundle.LotteryName];
            var hash = LotteryFile.Sha256(json);
            var before = findings.Count;
            if (files.TryGetValue(folder + AuditBundle.HashName, out var hashBytes)
                && LotteryFile.ReadHash(Encoding.UTF8.GetString(hashBytes)) is var recorded && recorded != hash)
            {
                findings.Add($"{folder}{AuditBundle.HashName}: records {recorded ?? "no valid hash"} but {folder}{AuditBundle.LotteryName} hashes to {hash}");
            }

            LotteryDocument document;
            try
            {
                document = LotteryFile.Parse(json);
            }
            catch (FormatException e)
            {
                findings.Add($"{folder}{e.Message}");
                return pool;
            }

            if (document.M == 0)
            {
                findings.Add($"{folder}{AuditBundle.LotteryName}: the lottery has no panels");
                return pool;
            }

            RevealRecord? reveal = null;
            if (files.TryGetValue(folder + AuditBundle.RevealName, out var revealBytes))
            {
                try
                {
                    reveal = RevealRecord.Parse(revealBytes);
                }
                catch (FormatException e)
                {
                    findings.Add($"{folder}{e.Message}");
                }
            }
            else if (round > 0)
            {
                findings.Add($"{folder}{AuditBundle.RevealName} is missing");
            }

            if (reveal is not null)
            {
                var index = PanelChoice.Index(reveal.Seed, document.M);
                if (reveal.Index != index)
                {
                    findings.Add($"{folder}{AuditBundle.RevealName}: records panel index {reveal.Index} but the seed '{reveal.Seed}' gives {index} of {document.M}");
                }

                if (reveal.LotterySha256 != hash)
                {
                    findings.Add($"{folder}{AuditBundle.RevealName}: the panel was revealed from a lottery.json hashing to {reveal.LotterySha256}, not this one ({hash})");
                }

                if (round == 0)
                {
                    seed = reveal.Seed;
                }
            }

            if (round == 0)
            {
                size = document.Size;
                CheckInputs(files, document, findings);
                if (files.TryGetValue(AuditBundle.Features, out var featureBytes))
                {
                    try
                    {
                        pool = PanelFeatures.Read(featureBytes, document.Features);
                    }
                    catch (FormatException e)
                    {
                        findings.Add(e.Message);
                    }
                }
            }

            if (pool is null)
            {
                return null;
            }

            var kept = new List<string>();
            if (round > 0)
            {
                kept.AddRange(panel ?? new HashSet<string>());
                foreach (var dropout in ReadDropouts(files, folder, findings))
                {
                    if (!kept.Remove(dropout))
                    {
                        findings.Add($"{folder}{AuditBundle.DropoutsName}: '{dropout}' is not on the panel before round {round}");
                    }
                }
            }

            CheckSlots(pool, document, kept, size, folder, findings);
            if (reveal is not null && reveal.Index >= 0 && reveal.Index < document.M)
            {
                panel = kept.Concat(document.Panels[reveal.Index].Members).ToHashSet(StringComparer.Ordinal);
            }

            if (findings.Count == before)
            {
                passed.Add($"{folder}: the lottery hash, the slot the seed '{reveal?.Seed}' chooses ({reveal?.Index} of {document.M}) and the quotas and households of all {document.M} panels");
            }
        }

        return pool;
    }

    private static void CheckInputs(Dictionary<string, byte[]> files, LotteryDocument document, List<string> findings)
    {
        var folder = AuditBundle.RoundFolder(0);
        if (files.TryGetValue(AuditBundle.Categories, out var categories) && LotteryFile.Sha256(categories) != document.Inputs.CategoriesSha256)
        {
            findings.Add($"{AuditBundle.Categories}: its SHA-256 {LotteryFile.Sha256(categories)} is not the {document.Inputs.CategoriesSha256} the lottery ({folder}{AuditBundle.LotteryName}) was drawn from");
        }

        if (files.TryGetValue(AuditBundle.PoolHash, out var poolHash)
            && LotteryFile.ReadHash(Encoding.UTF8.GetString(poolHash)) is var recorded && recorded != document.Inputs.PeopleSha256)
        {
            findings.Add($"{AuditBundle.PoolHash}: records {recorded ?? "no valid hash"} but the lottery ({folder}{AuditBundle.LotteryName}) was drawn from a pool hashing to {document.Inputs.PeopleSha256}");
        }
    }

    private static void CheckSlots(Pool pool, LotteryDocument document, IReadOnlyList<string> kept, int size, string folder, List<string> findings)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            index.Add(pool.People[i].Id, i);
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < document.M; s++)
        {
            var members = new List<int>();
            foreach (var id in kept.Concat(document.Panels[s].Members))
            {
                if (index.TryGetValue(id, out var i))
                {
                    members.Add(i);
                }
                else if (reported.Add(id))
                {
                    findings.Add($"{AuditBundle.Features}: has no row for '{id}', who is on panel {s} of {folder}{AuditBundle.LotteryName}");
                }
            }

            if (members.Count < kept.Count + document.Panels[s].Members.Count)
            {
                continue;
            }

            foreach (var problem in PanelCheck.Violations(pool, members, size))
            {
                findings.Add($"{folder}{AuditBundle.LotteryName}: panel {s}{(kept.Count > 0 ? " with the members who stay" : "")} {problem}");
            }
        }
    }

    private static IEnumerable<string> ReadDropouts(Dictionary<string, byte[]> files, string folder, List<string> findings)
    {
        if (!files.TryGetValue(folder + AuditBundle.DropoutsName, out var bytes))
        {
            findings.Add($"{folder}{AuditBundle.DropoutsName} is missing");
            return [];
        }

        var records = ReadCsv(bytes, folder + AuditBundle.DropoutsName, findings);
        return records.Skip(1).Select(r => r.Fields[0]).ToList();
    }

    // Checks panel.csv against the lottery rounds; returns its number of rows (or -1 when unreadable).
    private static int CheckPanelFile(Dictionary<string, byte[]> files, Pool? pool, List<string> findings, List<string> passed)
    {
        if (!files.TryGetValue(AuditBundle.Panel, out var bytes))
        {
            return -1;
        }

        var records = ReadCsv(bytes, AuditBundle.Panel, findings);
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(["pseudonym", "round", "status"]))
        {
            findings.Add($"{AuditBundle.Panel} line 1: the header is not 'pseudonym,round,status'");
            return -1;
        }

        var before = findings.Count;
        var rows = records.Skip(1).ToList();
        var pseudonyms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Fields.Count != 3 || !int.TryParse(row.Fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                || row.Fields[2] is not ("active" or "dropped"))
            {
                findings.Add($"{AuditBundle.Panel} line {row.Line}: expected a pseudonym, a round number and active or dropped");
            }
            else if (!pseudonyms.Add(row.Fields[0]))
            {
                findings.Add($"{AuditBundle.Panel} line {row.Line}: field 'pseudonym': '{row.Fields[0]}' appears twice");
            }
        }

        if (pool is not null && files.TryGetValue(AuditBundle.RoundFolder(0) + AuditBundle.LotteryName, out var json))
        {
            var size = LotteryFile.Parse(json).Size;
            var active = rows.Count(r => r.Fields.Count == 3 && r.Fields[2] == "active");
            if (active != size)
            {
                findings.Add($"{AuditBundle.Panel}: {active} active panelists, but the lottery draws panels of {size}");
            }

            var drawnInRound0 = rows.Count(r => r.Fields.Count == 3 && r.Fields[1] == "0");
            if (drawnInRound0 != size)
            {
                findings.Add($"{AuditBundle.Panel}: {drawnInRound0} panelists drawn in round 0, but its panel has {size}");
            }
        }

        if (findings.Count == before)
        {
            passed.Add($"{AuditBundle.Panel}: {rows.Count} distinct pseudonyms, as many active as the panel size");
        }

        return rows.Count;
    }

    private static void CheckBallotsAndTally(Dictionary<string, byte[]> files, string? seed, int panelCount, List<string> findings, List<string> passed)
    {
        if (!files.TryGetValue(AuditBundle.Ballots, out var ballots))
        {
            return;
        }

        PabulibFile election;
        try
        {
            election = PabulibReader.Read(new MemoryStream(ballots, writable: false), AuditBundle.Ballots);
        }
        catch (PabulibFormatException e)
        {
            findings.Add(e.Message.ReplaceLineEndings(" "));
            return;
        }

        if (panelCount >= 0 && election.Profile.VoterCount > panelCount)
        {
            findings.Add($"{AuditBundle.Ballots}: {election.Profile.VoterCount} ballots from a panel of {panelCount}");
        }

        if (seed is not null && AnonymousBallots.CheckOrder(election, seed) is { } disorder)
        {
            findings.Add($"{AuditBundle.Ballots}: {disorder}");
        }
        else if (seed is not null)
        {
            passed.Add($"{AuditBundle.Ballots}: {election.Profile.VoterCount} ballots, numbered and ordered by the seed's shuffle");
        }

        CheckElection(files, election, findings);
        if (!files.TryGetValue(AuditBundle.Rule, out var ruleJson) || !files.TryGetValue(AuditBundle.Results, out var results))
        {
            return;
        }

        RuleOptions options;
        try
        {
            options = TallySettings.Parse(ruleJson);
        }
        catch (FormatException e)
        {
            findings.Add(e.Message);
            return;
        }

        byte[] expected;
        try
        {
            var rule = RuleCatalog.Create(options);
            var outcome = rule.Tally(election.Election, election.Profile);
            var report = OutcomeReport.Create(election.Election, election.Profile, outcome, AuditBundle.Ballots);
            using var buffer = new MemoryStream();
            JsonReport.Write(report, buffer);
            expected = buffer.ToArray();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or TieException)
        {
            findings.Add($"{AuditBundle.Rule}: the tally of {AuditBundle.Ballots} cannot be re-run: {e.Message}");
            return;
        }

        if (expected.AsSpan().SequenceEqual(results))
        {
            passed.Add($"{AuditBundle.Results}: identical to the re-run tally of {AuditBundle.Ballots} with {options.Rule}");
            return;
        }

        var recomputed = Selected(expected);
        var published = Selected(results);
        findings.Add(published is null
            ? $"{AuditBundle.Results}: not a results report; the re-run tally of {AuditBundle.Ballots} funds {string.Join(", ", recomputed!)}"
            : published.SequenceEqual(recomputed!)
                ? $"{AuditBundle.Results}: funds the same projects ({string.Join(", ", published)}) but differs from the re-run tally's report elsewhere"
                : $"{AuditBundle.Results}: funds {Join(published)} but the re-run tally of {AuditBundle.Ballots} with {options.Rule} funds {Join(recomputed!)}");
    }

    // election.json's budget, rule and projects against ballots.pb, where election.json has them.
    private static void CheckElection(Dictionary<string, byte[]> files, PabulibFile ballots, List<string> findings)
    {
        if (!files.TryGetValue(AuditBundle.Election, out var bytes))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.TryGetProperty("budget", out var budget) && budget.GetInt64() != ballots.Election.Budget)
            {
                findings.Add($"{AuditBundle.Election}: the budget is {budget.GetInt64()} but {AuditBundle.Ballots} has {ballots.Election.Budget}");
            }

            if (root.TryGetProperty("projects", out var projects) && projects.ValueKind == JsonValueKind.Array)
            {
                var defined = projects.EnumerateArray().Select(p => $"{p.GetProperty("id").GetString()}:{p.GetProperty("cost").GetInt64()}").ToList();
                var published = ballots.Election.Projects.Select(p => $"{p.Id}:{p.Cost}").ToList();
                if (!defined.SequenceEqual(published))
                {
                    findings.Add($"{AuditBundle.Election}: its projects and costs are not those of {AuditBundle.Ballots}");
                }
            }

            if (files.TryGetValue(AuditBundle.Rule, out var rule) && root.TryGetProperty("rule", out var definedRule)
                && definedRule.ValueKind == JsonValueKind.Object && definedRule.TryGetProperty("name", out var name))
            {
                using var ruleJson = JsonDocument.Parse(rule);
                var used = ruleJson.RootElement.GetProperty("rule").GetString();
                if (!string.Equals(name.GetString(), used, StringComparison.OrdinalIgnoreCase))
                {
                    findings.Add($"{AuditBundle.Election}: defines the rule '{name.GetString()}' but {AuditBundle.Rule} tallies with '{used}'");
                }
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            findings.Add($"{AuditBundle.Election}: not valid JSON with an election's fields: {e.Message}");
        }
    }

    private static List<string>? Selected(byte[] report)
    {
        try
        {
            using var json = JsonDocument.Parse(report);
            return json.RootElement.GetProperty("selected").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Join(IReadOnlyList<string> ids) => ids.Count == 0 ? "nothing" : string.Join(", ", ids);

    private static IReadOnlyList<CsvRecord> ReadCsv(byte[] bytes, string name, List<string> findings)
    {
        try
        {
            using var reader = new StringReader(new UTF8Encoding(false, true).GetString(bytes));
            return CsvReader.ReadAll(reader);
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            findings.Add($"{name}: {e.Message}");
            return [];
        }
    }
}
