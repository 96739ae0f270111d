using System.Text;
using Budgeting.Sortition;
using Budgeting.Sortition.Inputs;

namespace Budgeting.Core.Tests.Sortition;

/// <summary>Loads the shared sortition instances and small hand-written pools for the sortition tests.</summary>
internal static class SortitionTestData
{
    /// <summary>Loads one of the paper's instances (example_small_20, example_large_200): no id column, no households.</summary>
    public static Pool LoadPaperInstance(string name, int panelSize)
    {
        var folder = Path.Combine(SharedData.RequireSortition(), name);
        return SortitionInputs.Load(Path.Combine(folder, "respondents.csv"), Path.Combine(folder, "categories.csv"), panelSize);
    }

    /// <summary>Loads the Sortition Foundation fixture with its id and address columns.</summary>
    public static Pool LoadSfFixture(int panelSize = 22)
    {
        var folder = Path.Combine(SharedData.RequireSortition(), "sf_fixture");
        return SortitionInputs.Load(Path.Combine(folder, "candidates.csv"), Path.Combine(folder, "features.csv"), panelSize,
            new SortitionInputOptions("nationbuilder_id", ["primary_address1", "primary_zip"]));
    }

    /// <summary>Loads a pool from CSV texts.</summary>
    public static Pool FromText(string people, string categories, int panelSize, SortitionInputOptions? options = null) =>
        SortitionInputs.Load(Stream(people), "people.csv", Stream(categories), "categories.csv", panelSize, options);

    public static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
