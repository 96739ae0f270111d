namespace Budgeting.Sortition.Inputs;

/// <summary>
/// Which columns of the categories file hold what. Three header forms are accepted:
/// <c>feature,value,min,max[,min_flex,max_flex]</c> (Sortition Foundation), <c>category,name,min,max</c> and
/// <c>category,feature,min,max</c> (Flanigan et al.'s replication data); names match ignoring case and surrounding spaces.
/// </summary>
internal sealed record CategoriesLayout(
    int FeatureColumn,
    int ValueColumn,
    int MinColumn,
    int MaxColumn,
    int MinFlexColumn,
    int MaxFlexColumn,
    IReadOnlyList<string> Header)
{
    /// <summary>The header's name for column <paramref name="index"/>.</summary>
    public string Name(int index) => Header[index].Trim();

    /// <summary>Recognises the header, or returns null.</summary>
    public static CategoriesLayout? Recognise(IReadOnlyList<string> header)
    {
        int Find(string name)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }

        var category = Find("category");
        int featureColumn, valueColumn;
        if (category >= 0)
        {
            featureColumn = category;
            valueColumn = Find("name") >= 0 ? Find("name") : Find("feature") >= 0 ? Find("feature") : Find("value");
        }
        else
        {
            featureColumn = Find("feature");
            valueColumn = Find("value");
        }

        var min = Find("min");
        var max = Find("max");
        if (featureColumn < 0 || valueColumn < 0 || min < 0 || max < 0)
        {
            return null;
        }

        return new CategoriesLayout(featureColumn, valueColumn, min, max, Find("min_flex"), Find("max_flex"), header);
    }
}
