using Budgeting.Elections;
using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

/// <summary>The reader and writer over the whole shared Pabulib corpus (skipped when it is absent).</summary>
public sealed class PabulibCorpusTests
{
    private static readonly PabulibReadOptions WithoutVoters = new() { KeepVoters = false };

    [Test]
    public void EveryCorpusFile_Parses()
    {
        var files = Directory.GetFiles(SharedData.RequirePabulib(), "*.pb.gz").Order(StringComparer.Ordinal).ToArray();
        var failures = new List<string>();
        var kinds = new Dictionary<BallotKind, int>();
        var withSelected = 0;
        long outOfLimit = 0, withRepeats = 0;
        int outOfLimitFiles = 0, repeatFiles = 0;
        foreach (var path in files)
        {
            try
            {
                var file = PabulibReader.Read(path, WithoutVoters);
                kinds[file.Election.BallotKind] = kinds.GetValueOrDefault(file.Election.BallotKind) + 1;
                withSelected += file.Selected.Any(s => s is not null) ? 1 : 0;
                outOfLimit += file.OutOfLimitBallots;
                outOfLimitFiles += file.OutOfLimitBallots > 0 ? 1 : 0;
                withRepeats += file.BallotsWithRepeatedProjects;
                repeatFiles += file.BallotsWithRepeatedProjects > 0 ? 1 : 0;
            }
            catch (PabulibFormatException e)
            {
                failures.Add(e.Message);
            }
        }

        // ../shared/README.md: 1,746 files; vote_type approval 1,096, cumulative 244, choose-1 231, ordinal 175;
        // a selected column in 1,423 files.
        Assert.That(files, Has.Length.EqualTo(1746));
        Assert.That(failures, Is.Empty);
        Assert.That(kinds, Is.EquivalentTo(new Dictionary<BallotKind, int>
        {
            [BallotKind.Approval] = 1096,
            [BallotKind.Cumulative] = 244,
            [BallotKind.ChooseOne] = 231,
            [BallotKind.Ordinal] = 175,
        }));
        Assert.That(withSelected, Is.EqualTo(1423));

        // Counted independently with Python's csv module (dedupe each ballot, then check min/max_length,
        // max_sum_cost, min/max_sum_points, min/max_points with exact decimals): 136 voters in 30 files are
        // outside their limits (26 Warszawa 2017/2018 files over max_sum_cost, 4 Mechanical Turk files under
        // min_sum_points), and 28 voters in 22 files list a project twice.
        Assert.That((outOfLimit, outOfLimitFiles), Is.EqualTo((136L, 30)));
        Assert.That((withRepeats, repeatFiles), Is.EqualTo((28L, 22)));
    }

    [Test]
    public void EveryCorpusFile_RoundTripsThroughTheWriter()
    {
        var failures = new List<string>();
        foreach (var path in Directory.GetFiles(SharedData.RequirePabulib(), "*.pb.gz").Order(StringComparer.Ordinal))
        {
            var file = PabulibReader.Read(path);
            using var buffer = new MemoryStream();
            PabulibWriter.Write(file, buffer);
            buffer.Position = 0;
            var back = PabulibReader.Read(buffer, Path.GetFileNameWithoutExtension(path));
            if (back.FindDifference(file) is { } difference)
            {
                failures.Add($"{Path.GetFileName(path)}: {difference}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [TestCase("Poland_Wroclaw_2015_150_-_500", 131_778, 197)]
    [TestCase("Poland_Wroclaw_2015_from_500", 127_773, 128)]
    [TestCase("Poland_Lodz_2022", 90_494, 160)]
    [TestCase("Poland_Krakow_2024", 65_101, 119)]
    public void LargestFiles_HaveTheVotersAndProjectsTheReadmeLists(string name, int voters, int projects)
    {
        var file = PabulibReader.Read(SharedData.RequirePabulibFile(name));

        Assert.That(file.Profile.VoterCount, Is.EqualTo(voters));
        Assert.That(file.Voters!.Count, Is.EqualTo(voters));
        Assert.That(file.Election.Projects, Has.Count.EqualTo(projects));
    }

    [Test]
    public void Krakow2024_IsOrdinalWithAgeSexAndNeighborhoodPerVoter()
    {
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("Poland_Krakow_2024"));

        Assert.That(file.Election.BallotKind, Is.EqualTo(BallotKind.Ordinal));
        Assert.That(file.Voters!.Columns, Is.SupersetOf(new[] { "age", "sex", "neighborhood" }));
    }

    [Test]
    public void Lodz2022_MapsItsMeta()
    {
        // zcat Poland_Lodz_2022.pb.gz | head: budget 6112868, approval, greedy-threshold, max_length 5, threshold 100;
        // its first project L010 costs 1603000 and was selected.
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("Poland_Lodz_2022"));

        Assert.That(file.Election.Budget, Is.EqualTo(6_112_868));
        Assert.That(file.Election.Rule, Is.EqualTo("greedy-threshold"));
        Assert.That(file.Election.Limits, Is.EqualTo(new BallotLimits(MaxLength: 5)));
        Assert.That(file.Election.ScoreThreshold, Is.EqualTo(100));
        Assert.That(file.Election.Projects[0], Is.EqualTo(new Project("L010", 1_603_000, "Strefa21 - boisko wielofunkcyjne i skwer wypoczynkowy przy Kopernika 2")));
        Assert.That(file.Selected[0], Is.EqualTo(1));
    }

    [Test]
    public void Toulouse2022_DecimalCostsAndQuotedNamesAreRead()
    {
        // Its rows read 135;200000.0;112;"Restructuration ""verte"" de la place Roger Arnaud";…
        var file = PabulibReader.Read(SharedData.RequirePabulibFile("France_Toulouse_2022"));
        var project = file.Election.Projects[file.Election.IndexOf("135")];

        Assert.That(project.Cost, Is.EqualTo(200_000));
        Assert.That(project.Name, Is.EqualTo("Restructuration \"verte\" de la place Roger Arnaud"));
    }
}
