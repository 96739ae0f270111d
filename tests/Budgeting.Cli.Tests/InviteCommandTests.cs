namespace Budgeting.Cli.Tests;

public sealed class InviteCommandTests
{
    // Same fixture as the Core tests: 12 rows, 10 households (rows 1+2 and 3+7 share an address).
    private const string Register = """
        id,street,number,district
        1,Main St,1,North
        2,main st ,1,North
        3,Oak Rd,2,South
        4,Oak Rd,3,South
        5,High St,4,North
        6,High St,5,South
        7,Oak  Rd,2,North
        8,Main St,6,North
        9,Elm St,7,South
        10,Elm St,8,North
        11,Elm St,9,South
        12,Birch Ln,10,North

        """;

    private string folder = null!;
    private string register = null!;
    private string output = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-invite-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        register = Fixtures.Write(folder, "register.csv", Register);
        output = Path.Combine(folder, "letters.csv");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void Invite_Households_WritesTheReferenceSampleAndTheAllocation()
    {
        // docs/randomness-reference.py: North sample("fixture/invite/North", 5, 2) = [0, 4] → rows 1, 12;
        // South sample("fixture/invite/South", 5, 2) = [3, 4] → rows 9, 11.
        var (code, stdout, error) = Rfc3797CommandTests.Run(
            "invite", "--register", register, "--strata", "district", "--count", "4", "--seed", "fixture",
            "--household-columns", "street,number", "--out", output);
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.Zero);
        Assert.That(File.ReadAllText(output), Is.EqualTo(
            "id,street,number,district\n1,Main St,1,North\n9,Elm St,7,South\n11,Elm St,9,South\n12,Birch Ln,10,North\n"));
        Assert.That(stdout, Does.StartWith("12 rows, 10 households, 4 letters\n"));
        Assert.That(stdout, Does.Contain("North\t5\t1\t2\t2\n"));
    }

    [Test]
    public void Invite_Oversample_ShiftsTheAllocation()
    {
        // Without households: North 7 rows, South 5. South weighted 7/5: 7 : 7, 6 letters → 3 and 3.
        var (code, stdout, _) = Rfc3797CommandTests.Run(
            "invite", "--register", register, "--strata", "district", "--count", "6", "--seed", "s", "--oversample", "South=1.4", "--out", output);
        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("North\t7\t1\t3\t3\n"));
        Assert.That(stdout, Does.Contain("South\t5\t7/5\t3\t3\n"));
    }

    [Test]
    public void Invite_BadRow_ExitsTwoWithFileLineColumnAndWritesNothing()
    {
        var bad = Fixtures.Write(folder, "bad.csv", "id,district\n1,North\n2,\"South\n");
        var (code, _, error) = Rfc3797CommandTests.Run(
            "invite", "--register", bad, "--strata", "district", "--count", "1", "--seed", "x", "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo($"{bad}:3:3: the quoted field is never closed\n"));
        Assert.That(File.Exists(output), Is.False);
        Assert.That(Directory.GetFiles(folder), Has.Length.EqualTo(2), "no temporary file is left behind");
    }

    [TestCase(new[] { "--oversample", "West=2" }, "names stratum 'West', which is not in")]
    [TestCase(new[] { "--oversample", "South=0" }, "the factor must be a positive number")]
    [TestCase(new[] { "--oversample", "South" }, "expected STRATUM=FACTOR")]
    [TestCase(new[] { "--household-columns", "flat" }, "no household column 'flat'")]
    public void Invite_BadOptions_ExitTwo(string[] options, string message)
    {
        var (code, _, error) = Rfc3797CommandTests.Run(
            ["invite", "--register", register, "--strata", "district", "--count", "2", "--seed", "x", "--out", output, .. options]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain(message));
    }

    [Test]
    public void Invite_MissingRegister_ExitsTwo()
    {
        var (code, _, error) = Rfc3797CommandTests.Run(
            "invite", "--register", Path.Combine(folder, "none.csv"), "--strata", "district", "--count", "1", "--seed", "x", "--out", output);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("none.csv: no such file"));
    }
}
