using System.Security.Cryptography;
using System.Text;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryDrawTests
{
    // Panels of 2: one woman (f) and one man (m). w2 shares household B with m1; w4 shares household E with m5.
    private static readonly Pool Pool = new(
        [new Feature("gender", [new FeatureValue("f", 1, 1), new FeatureValue("m", 1, 1)])],
        [
            new Person("w1", [0], "A"), new Person("m1", [1], "B"), new Person("w2", [0], "B"),
            new Person("w3", [0], "C"), new Person("w4", [0], "E"), new Person("m5", [1], "E"),
        ]);

    private static readonly LotteryInputs Inputs = new(new string('a', 64), new string('b', 64), null, null, []);

    [Test]
    public void Dropouts_NamesEachProblemWithTheGivenNames()
    {
        int[] panel = [0, 1];
        Assert.That(LotteryDraw.Dropouts(Pool, panel, ["m1", "w1"], "people.csv", "--dropouts"), Is.EqualTo(new[] { 1, 0 }));
        Assert.That(Assert.Throws<ArgumentException>(() => LotteryDraw.Dropouts(Pool, panel, [], "people.csv", "--dropouts"))!.Message,
            Is.EqualTo("--dropouts names no id"));
        Assert.That(Assert.Throws<ArgumentException>(() => LotteryDraw.Dropouts(Pool, panel, ["x9"], "volunteers.csv", "--dropouts"))!.Message,
            Is.EqualTo("unknown id x9: nobody in volunteers.csv has it"));
        Assert.That(Assert.Throws<ArgumentException>(() => LotteryDraw.Dropouts(Pool, panel, ["w3"], "people.csv", "--dropouts"))!.Message,
            Is.EqualTo("w3 is not on the panel"));
        Assert.That(Assert.Throws<ArgumentException>(() => LotteryDraw.Dropouts(Pool, panel, ["w1", "w1"], "people.csv", "'dropouts'"))!.Message,
            Is.EqualTo("w1 is named twice in 'dropouts'"));
    }

    [Test]
    public void Commit_HashIsTheSha256OfTheCanonicalJson_AndEverySlotIsAValidPanel()
    {
        var selection = LotteryDraw.Select(Pool, 2, "leximin");
        Assert.That(selection.Infeasible, Is.Null);

        var committed = LotteryDraw.Commit(Pool, selection.Distribution!, Inputs, 2, 20);

        Assert.That(committed.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(committed.Json))));
        Assert.That(committed.Document.M, Is.EqualTo(20));
        var text = Encoding.UTF8.GetString(committed.Json);
        Assert.That(text, Does.StartWith("{\n  \"format\": \"budgeting-lottery/1\",\n  \"algorithm\": \"leximin\","));
        Assert.That(Encoding.UTF8.GetString(committed.Probabilities), Does.StartWith("id,probability\nw1,"));
        foreach (var slot in committed.Document.Panels)
        {
            // One woman and one man, never both from household B or E.
            var members = slot.Members;
            Assert.That(members.Count(m => m.StartsWith('w')), Is.EqualTo(1));
            Assert.That(members.Count(m => m.StartsWith('m')), Is.EqualTo(1));
            Assert.That(members, Is.Not.EquivalentTo(new[] { "w2", "m1" }));
            Assert.That(members, Is.Not.EquivalentTo(new[] { "w4", "m5" }));
        }

        var index = PanelChoice.Index("seed", 20);
        Assert.That(LotteryDraw.Members(Pool, committed.Document, index).Select(i => Pool.People[i].Id), Is.EquivalentTo(committed.Document.Panels[index].Members));
    }

    [Test]
    public void Select_InfeasibleQuotas_GivesTheExplanationInsteadOfADistribution()
    {
        var pool = Pool with { Features = [new Feature("gender", [new FeatureValue("f", 2, 2), new FeatureValue("m", 1, 1)])] };
        var selection = LotteryDraw.Select(pool, 2, "leximin");
        Assert.That(selection.Distribution, Is.Null);
        Assert.That(selection.Infeasible, Is.Not.Empty);
    }

    [Test]
    public void CommitReplacement_ExcludedPeopleAreNeverDrawn()
    {
        // Panel {w1, m1}; w1 drops out. Without exclusions the sets are {w3} and {w4}; with w3 excluded only {w4} remains.
        var (plan, committed) = LotteryDraw.CommitReplacement(Pool, [0, 1], [0], "leximin", Inputs, 10, excluded: [3]);

        Assert.That(plan.Candidates, Is.EqualTo(new[] { 4, 5 }));
        Assert.That(committed.Document.Panels.Select(s => s.Members), Is.All.EqualTo(new[] { "w4" }));
        Assert.That(committed.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(committed.Json))));
    }

    [Test]
    public void LoadPool_ProblemsNameTheGivenFileLineAndColumn()
    {
        var people = "id,gender\nw1,f\nm1,robot\n"u8.ToArray();
        var categories = "feature,value,min,max\ngender,f,1,1\ngender,m,1,1\n"u8.ToArray();
        var inputs = Inputs with { IdColumn = "id" };

        var e = Assert.Throws<SortitionInputException>(() => LotteryDraw.LoadPool(people, "upload.csv", categories, "quotas.csv", 2, inputs))!;

        Assert.That(e.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "upload.csv:3: column 'gender': 'robot' is not a value of feature 'gender' in the categories file (its values: f, m).",
        }));
    }
}
