using System.Text;
using Budgeting.Formats.Csv;
using FluentValidation.Results;

namespace Budgeting.Sortition.Inputs;

/// <summary>
/// Reads and validates the two input files of a panel selection (the people file and the categories file) into a
/// <see cref="Pool"/>. Both are RFC 4180 CSV (UTF-8, a header row). See <c>docs/sortition.md</c> for the accepted
/// forms and every check.
/// </summary>
public static class SortitionInputs
{
    /// <summary>Reads the files at the given paths; problems name the files as given.</summary>
    public static Pool Load(string peoplePath, string categoriesPath, int panelSize, SortitionInputOptions? options = null)
    {
        using var people = File.OpenRead(peoplePath);
        using var categories = File.OpenRead(categoriesPath);
        return Load(people, peoplePath, categories, categoriesPath, panelSize, options);
    }

    /// <summary>
    /// Reads the people and categories files, checks them (every check, every row) and builds the pool.
    /// </summary>
    /// <param name="people">The people file: one row per volunteer.</param>
    /// <param name="peopleName">The people file's name, for messages.</param>
    /// <param name="categories">The categories file: one row per feature value with its quota.</param>
    /// <param name="categoriesName">The categories file's name, for messages.</param>
    /// <param name="panelSize">The panel size k the quotas are checked against.</param>
    /// <param name="options">The id and address columns.</param>
    /// <exception cref="SortitionInputException">Listing every problem found, each with file, line and column.</exception>
    public static Pool Load(Stream people, string peopleName, Stream categories, string categoriesName, int panelSize, SortitionInputOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(categories);
        options ??= new SortitionInputOptions();
        var problems = new List<SortitionInputProblem>();

        var features = ReadCategories(categories, categoriesName, panelSize, problems);
        var pool = ReadPeople(people, peopleName, features, panelSize, options, problems);
        if (problems.Count > 0)
        {
            throw new SortitionInputException(problems);
        }

        return pool!;
    }

    private static IReadOnlyList<CsvRecord>? ReadCsv(Stream stream, string name, List<SortitionInputProblem> problems)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        try
        {
            var records = CsvReader.ReadAll(reader);
            if (records.Count == 0)
            {
                problems.Add(new SortitionInputProblem(name, 0, "", "the file is empty; a header row is needed."));
                return null;
            }

            return records;
        }
        catch (CsvFormatException e)
        {
            problems.Add(new SortitionInputProblem(name, e.Line, "", e.Problem));
            return null;
        }
    }

    private static IReadOnlyList<Feature> ReadCategories(Stream stream, string name, int panelSize, List<SortitionInputProblem> problems)
    {
        var records = ReadCsv(stream, name, problems);
        if (records is null)
        {
            return [];
        }

        var header = records[0].Fields;
        var layout = CategoriesLayout.Recognise(header);
        var rows = new List<CategoryRow>();
        if (layout is not null)
        {
            foreach (var record in records.Skip(1))
            {
                string Field(int column) => column >= 0 && column < record.Fields.Count ? record.Fields[column] : "";
                string? Optional(int column) => column >= 0 && column < record.Fields.Count ? record.Fields[column] : null;
                rows.Add(new CategoryRow(record.Line, record.Fields.Count, header.Count,
                    Field(layout.FeatureColumn), Field(layout.ValueColumn), Field(layout.MinColumn), Field(layout.MaxColumn),
                    Optional(layout.MinFlexColumn), Optional(layout.MaxFlexColumn)) { Layout = layout });
            }
        }

        var table = new CategoriesTable(header, layout, rows, panelSize);
        var result = new CategoriesValidator().Validate(table);
        problems.AddRange(Located(result, name));

        // Build the features from the rows that are sound, so the people file is still checked against them.
        var features = new List<(string Name, List<FeatureValue> Values)>();
        var byName = new Dictionary<string, int>();
        var failedLines = result.Errors.Select(e => ((InputLocation)e.CustomState).Line).ToHashSet();
        foreach (var row in rows)
        {
            if (failedLines.Contains(row.Line))
            {
                continue;
            }

            var key = CategoriesValidator.Normalise(row.Feature);
            if (!byName.TryGetValue(key, out var index))
            {
                index = features.Count;
                byName[key] = index;
                features.Add((row.Feature.Trim(), []));
            }

            features[index].Values.Add(new FeatureValue(row.Value.Trim(), InputNumbers.Parse(row.Min)!.Value, InputNumbers.Parse(row.Max)!.Value,
                InputNumbers.Parse(row.MinFlex), InputNumbers.Parse(row.MaxFlex)));
        }

        return features.Select(f => new Feature(f.Name, f.Values)).ToList();
    }

    private static Pool? ReadPeople(Stream stream, string name, IReadOnlyList<Feature> features, int panelSize, SortitionInputOptions options, List<SortitionInputProblem> problems)
    {
        var records = ReadCsv(stream, name, problems);
        if (records is null)
        {
            return null;
        }

        var header = records[0].Fields;
        var rows = records.Skip(1).ToList();
        var addresses = options.AddressColumns ?? [];
        var table = new PeopleTable(header, rows, features, options.IdColumn, addresses, panelSize);
        var result = new PeopleValidator().Validate(table);
        var found = Located(result, name).ToList();
        problems.AddRange(found);
        if (found.Count > 0 || problems.Count > 0)
        {
            return null;
        }

        var featureColumns = features.Select(f => table.ColumnIndex(f.Name)).ToArray();
        var lookups = features
            .Select(f => f.Values.Select((v, i) => (Key: CategoriesValidator.Normalise(v.Name), i)).ToDictionary(x => x.Key, x => x.i))
            .ToArray();
        var idColumn = options.IdColumn is null ? -1 : table.ColumnIndex(options.IdColumn);
        var addressColumns = addresses.Select(table.ColumnIndex).ToArray();
        var people = new List<Person>(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var fields = rows[r].Fields;
            var values = new int[features.Count];
            for (var f = 0; f < features.Count; f++)
            {
                values[f] = lookups[f][CategoriesValidator.Normalise(fields[featureColumns[f]])];
            }

            var id = idColumn >= 0 ? fields[idColumn].Trim() : (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            people.Add(new Person(id, values, HouseholdKey(fields, addressColumns), rows[r].Line, fields));
        }

        return new Pool(features, people, header);
    }

    /// <summary>
    /// The household key: the address fields trimmed, upper-cased (invariant) and joined with U+001F; null when there
    /// are no address columns or every address field is blank (such a person shares a household with nobody).
    /// </summary>
    private static string? HouseholdKey(IReadOnlyList<string> fields, int[] columns)
    {
        if (columns.Length == 0)
        {
            return null;
        }

        var parts = columns.Select(c => fields[c].Trim().ToUpperInvariant()).ToArray();
        return parts.All(p => p.Length == 0) ? null : string.Join('\u001f', parts);
    }

    private static IEnumerable<SortitionInputProblem> Located(ValidationResult result, string file) =>
        result.Errors
            .Select(e => (Location: (InputLocation)e.CustomState, e.ErrorMessage))
            .OrderBy(e => e.Location.Line)
            .Select(e => new SortitionInputProblem(file, e.Location.Line, e.Location.Column, e.ErrorMessage));
}
