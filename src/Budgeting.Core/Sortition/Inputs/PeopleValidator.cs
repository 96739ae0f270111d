using FluentValidation;
using FluentValidation.Results;

namespace Budgeting.Sortition.Inputs;

/// <summary>
/// Checks the people file against the categories: every feature, the id column and the address columns are in the
/// header; each row has as many fields as the header; every person's value of every feature is one of the feature's
/// values (ignoring case and surrounding spaces); ids are non-empty and unique; the pool is at least the panel size.
/// </summary>
internal sealed class PeopleValidator : AbstractValidator<PeopleTable>
{
    public PeopleValidator()
    {
        RuleFor(t => t).Custom(CheckHeader);
        RuleFor(t => t.Rows.Count)
            .GreaterThanOrEqualTo(t => t.PanelSize)
            .WithMessage(t => $"the pool has {t.Rows.Count} people, fewer than the panel size {t.PanelSize}.")
            .WithState(_ => new InputLocation(0, "panel size"));
        RuleFor(t => t).Custom(CheckRows);
    }

    private static void CheckHeader(PeopleTable table, ValidationContext<PeopleTable> context)
    {
        var seen = new Dictionary<string, int>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = CategoriesValidator.Normalise(table.Header[i]);
            if (name.Length > 0 && !seen.TryAdd(name, i))
            {
                Fail(context, 1, table.Header[i].Trim(), $"the column name appears twice in the header (columns {seen[name] + 1} and {i + 1}).");
            }
        }

        foreach (var feature in table.Features)
        {
            if (table.ColumnIndex(feature.Name) < 0)
            {
                Fail(context, 1, feature.Name, $"the header has no column for feature '{feature.Name}' named in the categories file.");
            }
        }

        if (table.IdColumn is not null && table.ColumnIndex(table.IdColumn) < 0)
        {
            Fail(context, 1, table.IdColumn, $"the header has no id column '{table.IdColumn}'.");
        }

        foreach (var address in table.AddressColumns)
        {
            if (table.ColumnIndex(address) < 0)
            {
                Fail(context, 1, address, $"the header has no address column '{address}'.");
            }
        }
    }

    private static void CheckRows(PeopleTable table, ValidationContext<PeopleTable> context)
    {
        var featureColumns = table.Features.Select(f => table.ColumnIndex(f.Name)).ToArray();
        var valueSets = table.Features
            .Select(f => f.Values.Select(v => CategoriesValidator.Normalise(v.Name)).ToHashSet())
            .ToArray();
        var idColumn = table.IdColumn is null ? -1 : table.ColumnIndex(table.IdColumn);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (row.Fields.Count != table.Header.Count)
            {
                Fail(context, row.Line, table.Header.Count > 0 ? table.Header[0].Trim() : "",
                    $"the row has {row.Fields.Count} fields but the header has {table.Header.Count}.");
                continue;
            }

            for (var f = 0; f < table.Features.Count; f++)
            {
                if (featureColumns[f] < 0)
                {
                    continue;
                }

                var value = row.Fields[featureColumns[f]];
                if (!valueSets[f].Contains(CategoriesValidator.Normalise(value)))
                {
                    var known = string.Join(", ", table.Features[f].Values.Select(v => v.Name));
                    Fail(context, row.Line, table.Features[f].Name,
                        $"'{value.Trim()}' is not a value of feature '{table.Features[f].Name}' in the categories file (its values: {known}).");
                }
            }

            if (idColumn >= 0)
            {
                var id = row.Fields[idColumn].Trim();
                if (id.Length == 0)
                {
                    Fail(context, row.Line, table.IdColumn!, "the id is empty.");
                }
                else if (!ids.TryAdd(id, row.Line))
                {
                    Fail(context, row.Line, table.IdColumn!, $"the id '{id}' is also on line {ids[id]}; ids must be unique.");
                }
            }
        }
    }

    private static void Fail(ValidationContext<PeopleTable> context, int line, string column, string message) =>
        context.AddFailure(new ValidationFailure(column, message) { CustomState = new InputLocation(line, column) });
}
