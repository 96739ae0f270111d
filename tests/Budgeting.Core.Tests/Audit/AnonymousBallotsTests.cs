using System.Text;
using Budgeting.Audit;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;
using static Budgeting.Core.Tests.Audit.AuditBundleFixture;

namespace Budgeting.Core.Tests.Audit;

[TestFixture]
public sealed class AnonymousBallotsTests
{
    [Test]
    public void The_voters_order_depends_on_the_ballots_and_the_seed_not_on_the_order_they_were_cast()
    {
        AnonymousBallot[] cast = [new(["a", "b"]), new(["c"]), new(["b", "d"]), new(["a"]), new(["d", "a"])];
        var forward = BallotsPb(cast);
        var backward = BallotsPb(cast.Reverse().ToArray());

        Assert.That(backward, Is.EqualTo(forward));
        var votes = Encoding.UTF8.GetString(forward).Split("VOTES\n")[1];
        var lines = votes.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("voter_id;vote"));
        Assert.That(lines.Skip(1).Select(l => l.Split(';')[0]), Is.EqualTo(new[] { "1", "2", "3", "4", "5" }));
        Assert.That(lines.Skip(1).Select(l => l.Split(';')[1].Trim('"')).Order(StringComparer.Ordinal),
            Is.EqualTo(new[] { "a", "a,b", "a,d", "b,d", "c" }));
    }

    [Test]
    public void An_unknown_project_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => BallotsPb([new(["a"]), new(["zz"])]));
        Assert.That(e!.Message, Does.StartWith("Ballot 2 names unknown project 'zz'."));
    }

    [Test]
    public void Rule_settings_survive_a_round_trip()
    {
        var options = new RuleOptions("equal-shares", Utility.Cardinality, Completion.Add1, true, false, true, TieBreak.Parse("lottery,id", "s1"), "Testville");

        var bytes = TallySettings.Write(options);
        var back = TallySettings.Parse(bytes);

        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo("""
            {
              "rule": "equal-shares",
              "utility": "cardinality",
              "completion": "add1",
              "integral": true,
              "exhaustive": false,
              "comparison": true,
              "tieBreak": "lottery,id",
              "seed": "s1",
              "unit": "Testville"
            }

            """.ReplaceLineEndings("\n")));
        Assert.That(TallySettings.Write(back), Is.EqualTo(bytes));
    }
}
