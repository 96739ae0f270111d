using System.IO.Compression;
using System.Text;
using Budgeting.Audit;
using Budgeting.Sortition.Lottery;
using static Budgeting.Core.Tests.Audit.AuditBundleFixture;

namespace Budgeting.Core.Tests.Audit;

[TestFixture]
public sealed class AuditBundleTests
{
    [Test]
    public void A_faithful_bundle_passes_every_check()
    {
        var result = Verify(AuditBundle.ToBytes(Contents()));

        Assert.That(result.Findings, Is.Empty);
        Assert.That(result.Passed, Is.True);
        Assert.That(result.Checked, Has.Some.StartsWith("results.json: identical to the re-run tally of ballots.pb with greedy"));
        Assert.That(result.Checked, Has.Some.StartsWith("lottery/round-0/: the lottery hash"));
    }

    [Test]
    public void The_same_contents_give_the_same_bytes()
    {
        var first = AuditBundle.ToBytes(Contents());
        var second = AuditBundle.ToBytes(Contents());
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void The_manifest_lists_every_file_with_its_hash_and_the_published_results_fund_what_greedy_funds_by_hand()
    {
        var bundle = AuditBundle.ToBytes(Contents());
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        Assert.That(zip.Entries.Select(e => e.FullName), Is.EqualTo(new[]
        {
            "manifest.json", "election.json", "rule.json", "categories.csv", "pool.sha256", "panel-features.csv",
            "lottery/round-0/lottery.json", "lottery/round-0/lottery.sha256", "lottery/round-0/reveal.json",
            "panel.csv", "ballots.pb", "results.json",
        }));
        var manifest = Encoding.UTF8.GetString(Entry(bundle, "manifest.json"));
        var results = Entry(bundle, "results.json");
        Assert.That(manifest, Does.Contain($"{{\"name\": \"results.json\", \"sha256\": \"{LotteryFile.Sha256(results)}\", \"bytes\": {results.Length}}}"));

        // Votes: a 2, b 2, c 1, d 1. Greedy by votes, ties by lower cost: b (30), a (40), c does not fit (120), d (20).
        Assert.That(Encoding.UTF8.GetString(results), Does.Contain("\"selected\": [\n    \"b\",\n    \"a\",\n    \"d\"\n  ]"));
    }

    [Test]
    public void The_bundle_holds_no_names_or_addresses_from_the_pool()
    {
        var bundle = AuditBundle.ToBytes(Contents());
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            var text = Encoding.UTF8.GetString(Entry(bundle, entry.FullName));
            Assert.That(text, Does.Not.Contain("Ann").And.Not.Contain("Hal"), entry.FullName);
        }

        Assert.That(Encoding.UTF8.GetString(Entry(bundle, "panel-features.csv")), Is.EqualTo("""
            id,household,gender,age
            p1,h1,female,young
            p2,h2,male,young
            p3,h3,female,old
            p4,h4,male,old
            p5,h1,female,young
            p6,h5,female,old
            p7,h6,male,young
            p8,h7,male,old

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_file_changed_after_publication_is_named()
    {
        var bundle = AuditBundle.ToBytes(Contents());
        var results = Entry(bundle, "results.json");
        var changed = Utf8(Encoding.UTF8.GetString(results).Replace("\"leftover\": 10", "\"leftover\": 11", StringComparison.Ordinal));
        Assert.That(changed, Is.Not.EqualTo(results));

        var result = Verify(ReplaceEntry(bundle, "results.json", changed));

        Assert.That(result.Findings, Is.EqualTo(new[]
        {
            $"results.json: its SHA-256 is {LotteryFile.Sha256(changed)} ({changed.Length} bytes) but manifest.json records {LotteryFile.Sha256(results)} ({results.Length} bytes): the file was changed",
        }));
    }

    [Test]
    public void Results_that_do_not_follow_from_the_ballots_are_named_with_both_outcomes()
    {
        // Ballots with c on every one; the published results are still those of the original ballots.
        AnonymousBallot[] other = [new(["c", "d"]), new(["c"]), new(["a", "c"])];
        var contents = Contents() with { BallotsPb = BallotsPb(other) };

        var result = Verify(AuditBundle.ToBytes(contents));

        // Votes: c 3, a 1, d 1. Greedy: c (50), then d (20, cheaper than a), a (40) no longer fits, b (30, no votes) does.
        Assert.That(result.Findings, Is.EqualTo(new[] { "results.json: funds b, a, d but the re-run tally of ballots.pb with greedy funds c, d, b" }));
    }

    [Test]
    public void A_panel_outside_the_quotas_is_named()
    {
        string[][] slots = [["p1", "p3", "p6"], ["p2", "p3", "p6"], ["p4", "p5", "p7"], ["p6", "p7", "p8"]];
        var json = LotteryJson(slots);
        var round = new AuditRound(0, json, LotteryFile.Sha256(json), Seed, PanelChoice.Index(Seed, 4), []);
        var result = Verify(AuditBundle.ToBytes(Contents() with { Rounds = [round] }));

        Assert.That(result.Findings, Is.EqualTo(new[]
        {
            "lottery/round-0/lottery.json: panel 0 has 3 with gender = female, outside the quota 1..2",
            "lottery/round-0/lottery.json: panel 0 has 0 with gender = male, outside the quota 1..2",
        }));
    }

    [Test]
    public void A_panel_with_two_members_of_one_household_is_named()
    {
        string[][] slots = [["p1", "p5", "p8"], ["p2", "p3", "p6"], ["p4", "p5", "p7"], ["p6", "p7", "p8"]];
        var json = LotteryJson(slots);
        var round = new AuditRound(0, json, LotteryFile.Sha256(json), Seed, PanelChoice.Index(Seed, 4), []);
        var result = Verify(AuditBundle.ToBytes(Contents() with { Rounds = [round] }));

        Assert.That(result.Findings, Is.EqualTo(new[] { "lottery/round-0/lottery.json: panel 0 has 2 members of household 'h1'" }));
    }

    [Test]
    public void A_recorded_index_the_seed_does_not_give_is_named()
    {
        var contents = Contents();
        var index = contents.Rounds[0].ChosenIndex;
        var wrong = (index + 1) % 4;
        var result = Verify(AuditBundle.ToBytes(contents with { Rounds = [contents.Rounds[0] with { ChosenIndex = wrong }] }));

        Assert.That(result.Findings, Is.EqualTo(new[] { $"lottery/round-0/reveal.json: records panel index {wrong} but the seed 'seed-1' gives {index} of 4" }));
    }

    [Test]
    public void A_lottery_that_is_not_the_committed_one_is_named()
    {
        var contents = Contents();
        var committed = new string('a', 64);
        var actual = LotteryFile.Sha256(contents.Rounds[0].LotteryJson);
        var result = Verify(AuditBundle.ToBytes(contents with { Rounds = [contents.Rounds[0] with { LotterySha256 = committed }] }));

        Assert.That(result.Findings, Is.EqualTo(new[]
        {
            $"lottery/round-0/lottery.sha256: records {committed} but lottery/round-0/lottery.json hashes to {actual}",
            $"lottery/round-0/reveal.json: the panel was revealed from a lottery.json hashing to {committed}, not this one ({actual})",
        }));
    }

    [Test]
    public void A_pool_hash_that_is_not_the_lottery_pool_is_named()
    {
        var other = new string('b', 64);
        var result = Verify(AuditBundle.ToBytes(Contents() with { PoolSha256 = other }));

        Assert.That(result.Findings, Is.EqualTo(new[]
        {
            $"pool.sha256: records {other} but the lottery (lottery/round-0/lottery.json) was drawn from a pool hashing to {LotteryFile.Sha256(Utf8(People))}",
        }));
    }

    [Test]
    public void Ballots_in_another_order_than_the_seed_gives_are_named()
    {
        var result = Verify(AuditBundle.ToBytes(Contents() with { BallotsPb = BallotsPb(Ballots, "another seed") }));

        Assert.That(result.Findings, Has.Count.EqualTo(1));
        Assert.That(result.Findings[0], Does.StartWith("ballots.pb: voter ").And.EndWith("'s ballot is not the one the seed's shuffle puts there: the voters were reordered"));
    }

    [Test]
    public void A_file_added_to_the_zip_is_named()
    {
        var result = Verify(ReplaceEntry(AuditBundle.ToBytes(Contents()), "people.csv", Utf8(People)));

        Assert.That(result.Findings, Is.EqualTo(new[] { "people.csv: in the zip but not listed in manifest.json" }));
    }

    [Test]
    public void A_panel_file_with_too_few_active_panelists_is_named()
    {
        var contents = Contents() with { Panel = [new("x", 0, "active"), new("y", 0, "active"), new("z", 0, "dropped")] };

        var result = Verify(AuditBundle.ToBytes(contents));

        Assert.That(result.Findings, Is.EqualTo(new[] { "panel.csv: 2 active panelists, but the lottery draws panels of 3" }));
    }

    [Test]
    public void A_file_that_is_not_a_zip_is_malformed()
    {
        var e = Assert.Throws<AuditBundleFormatException>(() => Verify(Utf8("not a zip")));
        Assert.That(e!.Message, Does.StartWith("not a zip file: "));
    }

    [Test]
    public void A_zip_without_a_manifest_is_malformed()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var stream = zip.CreateEntry("results.json").Open();
            stream.Write(Utf8("{}"));
        }

        var e = Assert.Throws<AuditBundleFormatException>(() => Verify(buffer.ToArray()));
        Assert.That(e!.Message, Is.EqualTo("no manifest.json in the zip"));
    }

    [Test]
    public void A_manifest_that_leaves_out_a_required_file_is_malformed()
    {
        var bundle = AuditBundle.ToBytes(Contents());
        var manifest = Encoding.UTF8.GetString(Entry(bundle, "manifest.json"));
        var lines = manifest.Split('\n').Where(l => !l.Contains("\"ballots.pb\"", StringComparison.Ordinal));
        var e = Assert.Throws<AuditBundleFormatException>(() => Verify(ReplaceEntry(bundle, "manifest.json", Utf8(string.Join('\n', lines)))));
        Assert.That(e!.Message, Is.EqualTo("manifest.json does not list the required file ballots.pb (or ballots.csv for an allocation vote)"));
    }

    [Test]
    public void A_replacement_round_that_keeps_the_quotas_passes_and_one_that_drops_a_non_member_is_named()
    {
        var contents = Contents();
        var panel = Slots[contents.Rounds[0].ChosenIndex];

        // Replace the panel's first member by someone off the panel with the same gender and age and another household.
        var (gender, age, _) = Attributes[panel[0]];
        var households = panel.Skip(1).Select(p => Attributes[p].Address).ToHashSet();
        var candidates = Attributes.Keys.Where(p => !panel.Contains(p) && Attributes[p].Gender == gender && Attributes[p].Age == age
            && !households.Contains(Attributes[p].Address)).ToArray();
        Assert.That(candidates, Is.Not.Empty, "the fixture has a like-for-like replacement for every panel's first member");
        var json = LotteryJson([[candidates[0]]]);
        var round = new AuditRound(1, json, LotteryFile.Sha256(json), "replacement seed", 0, [panel[0]]);
        AuditPanelist[] after = [new("panelist-1", 0, "dropped"), new("panelist-2", 0, "active"), new("panelist-3", 0, "active"), new("panelist-4", 1, "active")];
        var good = Verify(AuditBundle.ToBytes(contents with { Rounds = [contents.Rounds[0], round], Panel = after }));
        Assert.That(good.Findings, Is.Empty);
        Assert.That(good.Checked, Has.Some.StartsWith("lottery/round-1/: the lottery hash, the slot the seed 'replacement seed' chooses (0 of 1)"));

        var outsider = Attributes.Keys.First(p => !panel.Contains(p));
        var bad = round with { Dropouts = [outsider] };
        var result = Verify(AuditBundle.ToBytes(contents with { Rounds = [contents.Rounds[0], bad] }));
        Assert.That(result.Findings, Has.Member($"lottery/round-1/dropouts.csv: '{outsider}' is not on the panel before round 1"));
    }
}
