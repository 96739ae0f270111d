using Budgeting.Sortition.Inputs;

namespace Budgeting.Core.Tests.Sortition;

public class SortitionInputsTests
{
    private const string Categories = "feature,value,min,max\ngender,female,1,2\ngender,male,1,2\nage,young,1,2\nage,old,1,2\n";

    [Test]
    public void Load_ExampleSmall20_HasThePapersPoolAndRowNumberIds()
    {
        // published_statistics.txt: pool size n = 200, 2 quota categories.
        var pool = SortitionTestData.LoadPaperInstance("example_small_20", 20);
        Assert.That(pool.People, Has.Count.EqualTo(200));
        Assert.That(pool.Features.Select(f => f.Name), Is.EqualTo(new[] { "gender", "leaning" }));
        Assert.That(pool.People[0].Id, Is.EqualTo("1"));
        Assert.That(pool.People[199].Id, Is.EqualTo("200"));
        Assert.That(pool.People[0].Line, Is.EqualTo(2));
        // First data row is "female,conservative" in respondents.csv; categories list female first and conservative second.
        Assert.That(pool.People[0].ValueIndices, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(pool.Features[0].Values[0], Is.EqualTo(new Budgeting.Sortition.FeatureValue("female", 9, 20)));
    }

    [Test]
    public void Load_SfFixture_ReadsIdsFlexAndHouseholds()
    {
        var pool = SortitionTestData.LoadSfFixture();
        Assert.That(pool.People, Has.Count.EqualTo(150));
        Assert.That(pool.Features.Select(f => f.Name), Is.EqualTo(new[] { "Gender", "age_bracket", "edu_level", "geo_bucket" }));
        Assert.That(pool.People[0].Id, Is.EqualTo("p0"));
        Assert.That(pool.People[0].Household, Is.Not.Null);
        Assert.That(pool.Features[0].Values[1], Is.EqualTo(new Budgeting.Sortition.FeatureValue("Male", 10, 11, 0, 12)));
        Assert.That(pool.Columns, Does.Contain("first_name"));
        Assert.That(pool.People[0].Fields![pool.Columns!.ToList().IndexOf("first_name")], Is.EqualTo("first_name0"));
    }

    [Test]
    public void Load_AcceptsAllThreeHeaderFormsAndMatchesValuesIgnoringCaseAndSpaces()
    {
        const string people = "gender,age\n Female ,YOUNG\nmale,old\n";
        foreach (var header in new[] { "feature,value,min,max", "category,name,min,max", "category,feature,min,max" })
        {
            var categories = header + Categories[Categories.IndexOf('\n')..];
            var pool = SortitionTestData.FromText(people, categories, 2);
            Assert.That(pool.People[0].ValueIndices, Is.EqualTo(new[] { 0, 0 }), header);
            Assert.That(pool.People[1].ValueIndices, Is.EqualTo(new[] { 1, 1 }), header);
        }
    }

    [Test]
    public void Load_HouseholdKeyIgnoresCaseAndSpaces()
    {
        const string people = "id,gender,age,street,zip\na,female,young, 1 High St ,AB1\nb,male,old,1 high st,ab1\nc,male,young,2 High St,AB1\n";
        var pool = SortitionTestData.FromText(people, Categories, 2, new SortitionInputOptions("id", ["street", "zip"]));
        Assert.That(pool.People[0].Household, Is.EqualTo(pool.People[1].Household));
        Assert.That(pool.People[2].Household, Is.Not.EqualTo(pool.People[0].Household));
    }

    [Test]
    public void Load_UnknownValue_IsReportedWithFileLineAndColumn()
    {
        const string people = "gender,age\nfemale,young\nmale,ancient\n";
        var e = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText(people, Categories, 2));
        Assert.That(e!.Problems, Has.Count.EqualTo(1));
        Assert.That(e.Problems[0].ToString(), Does.StartWith("people.csv:3: column 'age': 'ancient' is not a value of feature 'age'"));
    }

    [Test]
    public void Load_ListsEveryProblemNotJustTheFirst()
    {
        // Line 3 repeats line 2's id 'a'; line 4 has an unknown gender; the header lacks 'age'.
        const string people = "id,gender\na,female\na,male\nb,other\n";
        var e = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText(people, Categories, 2, new SortitionInputOptions("id")));
        var lines = e!.Problems.Select(p => p.ToString()).ToList();
        Assert.That(lines, Has.Some.StartsWith("people.csv:1: column 'age': the header has no column for feature 'age'"));
        Assert.That(lines, Has.Some.StartsWith("people.csv:3: column 'id': the id 'a' is also on line 2"));
        Assert.That(lines, Has.Some.StartsWith("people.csv:4: column 'gender': 'other' is not a value"));
        Assert.That(e.Message, Does.Contain("3 problems"));
    }

    [Test]
    public void Load_MissingIdOrAddressColumn_IsReported()
    {
        const string people = "gender,age\nfemale,young\nmale,old\n";
        var e = Assert.Throws<SortitionInputException>(() =>
            SortitionTestData.FromText(people, Categories, 2, new SortitionInputOptions("pid", ["street"])));
        Assert.That(e!.Problems.Select(p => p.Field), Is.EquivalentTo(new[] { "pid", "street" }));
    }

    [Test]
    public void Load_QuotaSumsOutsidePanelSize_AreReportedPerFeature()
    {
        // gender: 3 + 3 = 6 > k = 4; age: 1 + 2 = 3 < k = 4.
        const string categories = "feature,value,min,max\ngender,female,3,4\ngender,male,3,4\nage,young,0,1\nage,old,1,2\n";
        const string people = "gender,age\nfemale,young\nmale,old\nmale,old\nfemale,old\n";
        var e = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText(people, categories, 4));
        var lines = e!.Problems.Select(p => p.ToString()).ToList();
        Assert.That(lines, Has.Some.EqualTo("categories.csv:2: column 'min': feature 'gender': the minimums add up to 6, more than the panel size 4; no panel can meet them."));
        Assert.That(lines, Has.Some.EqualTo("categories.csv:4: column 'max': feature 'age': the maximums add up to 3, less than the panel size 4; no panel can meet them."));
    }

    [Test]
    public void Load_BadNumbersMinAboveMaxDuplicatesAndBadHeader_AreReported()
    {
        const string categories = "feature,value,min,max,min_flex,max_flex\ngender,female,x,2,,\ngender,male,3,2,,\ngender,MALE,1,2,,\nage,young,1,2,2,1\nage,old,-1,2,,\n";
        var e = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText("gender,age\n", categories, 2));
        var lines = e!.Problems.Select(p => p.ToString()).ToList();
        Assert.That(lines, Has.Some.EqualTo("categories.csv:2: column 'min': 'x' is not a non-negative integer."));
        Assert.That(lines, Has.Some.EqualTo("categories.csv:3: column 'min': min 3 is greater than max 2 for gender=male."));
        Assert.That(lines, Has.Some.StartsWith("categories.csv:4: column 'value': gender=MALE is listed twice (first on line 3)"));
        Assert.That(lines, Has.Some.StartsWith("categories.csv:5: column 'min_flex': min_flex 2 is greater than min 1"));
        Assert.That(lines, Has.Some.StartsWith("categories.csv:5: column 'max_flex': max_flex 1 is less than max 2"));
        Assert.That(lines, Has.Some.EqualTo("categories.csv:6: column 'min': '-1' is not a non-negative integer."));

        var header = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText("gender\n", "group,level,lo,hi\n", 2));
        Assert.That(header!.Problems[0].ToString(), Does.StartWith("categories.csv:1: column 'group': the header 'group,level,lo,hi' is not one of the accepted forms"));
    }

    [Test]
    public void Load_RowWithWrongFieldCountOrBrokenQuote_IsReported()
    {
        var e = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText("gender,age\nfemale\nmale,old\n", Categories, 2));
        Assert.That(e!.Problems[0].ToString(), Is.EqualTo("people.csv:2: column 'gender': the row has 1 fields but the header has 2."));

        var quote = Assert.Throws<SortitionInputException>(() => SortitionTestData.FromText("gender,age\n\"female,young\n", Categories, 2));
        Assert.That(quote!.Problems[0].ToString(), Does.StartWith("people.csv:2: column '': a quoted field is never closed"));
    }
}
