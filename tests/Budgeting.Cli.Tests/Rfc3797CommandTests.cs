using System.Globalization;

namespace Budgeting.Cli.Tests;

public sealed class Rfc3797CommandTests
{
    private string folder = null!;
    private string names = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "budgeting-rfc3797-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // RFC 3797 section 6: the 25 volunteers in published order.
        names = Path.Combine(folder, "names.txt");
        File.WriteAllText(names, string.Join('\n', [
            "John", "Mary", "Bashful", "Dopey", "Sleepy", "Grouchy", "Doc", "Sneazy", "Handsome", "Cassandra",
            "Pollyanna", "Pendragon", "Pandora", "Faith", "Hope", "Charity", "Lee", "Longsuffering", "Chastity", "Smith",
            "Pride", "Sloth", "Envy", "Anger", "Kasczynski"]) + "\n");
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    internal static (int Code, string Out, string Error) Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(args, new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void Rfc3797_RfcWorkedExample_PrintsTheRfcResult()
    {
        // RFC 3797 section 6: Lee, Doc, Mary, Charity, Kasczynski, Envy, Sneazy, Anger, Chastity, Pandora.
        var (code, output, error) = Run(
            "rfc3797", "--candidates", names, "--source", "9319", "--source", "2,5,12,8,10", "--source", "9,18,26,34,41,45", "--count", "10");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo("Lee\nDoc\nMary\nCharity\nKasczynski\nEnvy\nSneazy\nAnger\nChastity\nPandora\n"));
    }

    [Test]
    public void Rfc3797_SampleFile_IsTheRfcList()
    {
        var sample = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "..", "samples", "rfc3797-names.txt");
        if (!File.Exists(sample))
        {
            Assert.Ignore($"samples/rfc3797-names.txt not found from {TestContext.CurrentContext.TestDirectory}");
        }

        Assert.That(File.ReadAllText(sample), Is.EqualTo(File.ReadAllText(names)));
    }

    [Test]
    public void Rfc3797_KeyOnly_PrintsTheRfcKey()
    {
        var (code, output, _) = Run("rfc3797", "--source", "9319", "--source", "2,5,12,8,10", "--source", "9,18,26,34,41,45", "--key-only");
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo("9319./2.5.8.10.12./9.18.26.34.41.45./\n"));
    }

    [Test]
    public void Rfc3797_DecimalSources_SelectAsTheReferenceScript()
    {
        // Key "9319.27/0.75/3.7.12./" (worked by hand in Rfc3797Tests); docs/randomness-reference.py selects candidates
        // 21, 16, 14, 1, 3 of the RFC's list with it.
        var (code, output, error) = Run(
            "rfc3797", "--candidates", names, "--source", "9319.27", "--source", "0.750", "--source", "12,007,3", "--count", "5");
        Assert.That(error, Is.Empty);
        Assert.That(code, Is.Zero);
        Assert.That(output, Is.EqualTo("Pride\nCharity\nFaith\nJohn\nBashful\n"));
    }

    [Test]
    public void Rfc3797_SeveralNumbersWithADecimalPoint_ExitTwoNamingTheNumber()
    {
        var (code, output, error) = Run("rfc3797", "--source", "9319", "--source", "12.50,3,0.75", "--key-only");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo("budgeting rfc3797: source 2 ('12.50,3,0.75'): '12.50' has a decimal point, but a source " +
            "of several numbers may hold only whole numbers (RFC 3797's reference code sorts whole numbers but writes decimal " +
            "fractions unsorted, so their order in the key would be ambiguous); give a decimal number a source of its own\n"));
    }

    [Test]
    public void Rfc3797_TextSource_IsRefusedBecauseTheRfcDefinesNone()
    {
        var (code, _, error) = Run("rfc3797", "--source", "9319", "--source", "Hearts 4-1", "--key-only");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Is.EqualTo("budgeting rfc3797: source 2 ('Hearts 4-1'): 'Hearts 4-1' is not a non-negative decimal number such as 12 or 9319.27 " +
            "(the numbers are separated by commas; RFC 3797 defines key strings for numeric sources only)\n"));
    }

    [Test]
    public void Rfc3797_PoolAboveTheReferenceCodeLimit_ExitsTwo()
    {
        // RFC 3797's reference code serves at most 65,535 candidates (2**16-1).
        var big = Path.Combine(folder, "big.txt");
        File.WriteAllLines(big, Enumerable.Range(1, 65_536).Select(i => $"Volunteer {i}"));
        var (code, output, error) = Run("rfc3797", "--candidates", big, "--source", "9319", "--count", "10");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo($"budgeting rfc3797: {big}: 65536 candidates; RFC 3797 serves a pool of at most 65535\n"));
    }

    [TestCase(new[] { "--candidates", "missing.txt", "--source", "1", "--count", "1" }, "missing.txt: no such file")]
    [TestCase(new[] { "--candidates", "NAMES", "--source", "", "--count", "1" }, "source 1 is empty")]
    [TestCase(new[] { "--candidates", "NAMES", "--source", "1", "--source", "2,x", "--count", "1" }, "source 2 ('2,x'): 'x' is not a non-negative decimal number")]
    [TestCase(new[] { "--candidates", "NAMES", "--source", "1", "--count", "26" }, "--count 26: must be between 1 and the 25 candidates")]
    [TestCase(new[] { "--candidates", "NAMES", "--source", "1" }, "--count is required")]
    [TestCase(new[] { "--candidates", "NAMES", "--count", "3" }, "--source")]
    public void Rfc3797_BadInput_ExitsTwoWithAClearMessage(string[] options, string message)
    {
        var args = options.Select(o => o == "NAMES" ? names : o == "missing.txt" ? Path.Combine(folder, o) : o).ToArray();
        var (code, output, error) = Run(["rfc3797", .. args]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain(message));
        Assert.That(error.TrimEnd('\n'), Does.Not.Contain('\n'));
    }
}
