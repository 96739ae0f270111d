using FluentValidation;
using FluentValidation.Results;

namespace Budgeting.Sortition.Inputs;

/// <summary>
/// Checks the categories file: a recognised header, every row (<see cref="CategoryRowValidator"/>), no value listed
/// twice for a feature, and for each feature Σmin ≤ panel size ≤ Σmax (otherwise no panel can meet its quotas).
/// </summary>
internal sealed class CategoriesValidator : AbstractValidator<CategoriesTable>
{
    public CategoriesValidator()
    {
        RuleFor(t => t.Layout)
            .NotNull()
            .WithMessage(t => $"the header '{string.Join(",", t.Header)}' is not one of the accepted forms " +
                "'feature,value,min,max[,min_flex,max_flex]', 'category,name,min,max' or 'category,feature,min,max'.")
            .WithState(t => new InputLocation(1, t.Header.Count > 0 ? t.Header[0] : ""));
        RuleFor(t => t.PanelSize)
            .GreaterThan(0)
            .WithMessage(t => $"the panel size must be at least 1, not {t.PanelSize}.")
            .WithState(_ => new InputLocation(0, "panel size"));
        When(t => t.Layout is not null, () =>
        {
            RuleFor(t => t.Rows).NotEmpty().WithMessage("the file lists no feature values.").WithState(_ => new InputLocation(1, "value"));
            RuleForEach(t => t.Rows).SetValidator(new CategoryRowValidator());
            RuleFor(t => t).Custom(CheckDuplicates);
            RuleFor(t => t).Custom(CheckSums);
        });
    }

    private static void CheckDuplicates(CategoriesTable table, ValidationContext<CategoriesTable> context)
    {
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in table.Rows.Where(r => r.FieldCount == r.ExpectedFields))
        {
            var key = (Normalise(row.Feature), Normalise(row.Value));
            if (seen.TryGetValue(key, out var first))
            {
                Fail(context, row.Line, row.Layout.Name(row.Layout.ValueColumn),
                    $"{row.Feature.Trim()}={row.Value.Trim()} is listed twice (first on line {first}).");
            }
            else
            {
                seen[key] = row.Line;
            }
        }
    }

    private static void CheckSums(CategoriesTable table, ValidationContext<CategoriesTable> context)
    {
        if (table.PanelSize <= 0)
        {
            return;
        }

        foreach (var group in table.Rows.Where(r => r.FieldCount == r.ExpectedFields).GroupBy(r => Normalise(r.Feature)))
        {
            var rows = group.ToList();
            var mins = rows.Select(r => InputNumbers.Parse(r.Min)).ToList();
            var maxs = rows.Select(r => InputNumbers.Parse(r.Max)).ToList();
            var first = rows[0];
            var name = first.Feature.Trim();
            if (mins.All(m => m is not null))
            {
                var sum = mins.Sum(m => (long)m!.Value);
                if (sum > table.PanelSize)
                {
                    Fail(context, first.Line, first.Layout.Name(first.Layout.MinColumn),
                        $"feature '{name}': the minimums add up to {sum}, more than the panel size {table.PanelSize}; no panel can meet them.");
                }
            }

            if (maxs.All(m => m is not null))
            {
                var sum = maxs.Sum(m => (long)m!.Value);
                if (sum < table.PanelSize)
                {
                    Fail(context, first.Line, first.Layout.Name(first.Layout.MaxColumn),
                        $"feature '{name}': the maximums add up to {sum}, less than the panel size {table.PanelSize}; no panel can meet them.");
                }
            }
        }
    }

    private static void Fail(ValidationContext<CategoriesTable> context, int line, string column, string message) =>
        context.AddFailure(new ValidationFailure(column, message) { CustomState = new InputLocation(line, column) });

    /// <summary>A name or value as compared: trimmed, upper-cased (invariant).</summary>
    public static string Normalise(string text) => text.Trim().ToUpperInvariant();
}
