using FluentValidation;

namespace Budgeting.Sortition.Inputs;

/// <summary>Checks one row of the categories file: all fields present, quotas non-negative integers, min ≤ max, flex bounds around them.</summary>
internal sealed class CategoryRowValidator : AbstractValidator<CategoryRow>
{
    public CategoryRowValidator()
    {
        RuleFor(r => r.FieldCount)
            .Equal(r => r.ExpectedFields)
            .WithMessage(r => $"the row has {r.FieldCount} fields but the header has {r.ExpectedFields}.")
            .WithState(r => new InputLocation(r.Line, r.Layout.Name(0)));

        When(r => r.FieldCount == r.ExpectedFields, () =>
        {
            RuleFor(r => r.Feature)
                .Must(f => !string.IsNullOrWhiteSpace(f))
                .WithMessage("the feature name is empty.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.FeatureColumn)));
            RuleFor(r => r.Value)
                .Must(v => !string.IsNullOrWhiteSpace(v))
                .WithMessage("the value is empty.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.ValueColumn)));
            RuleFor(r => r.Min)
                .Must(m => InputNumbers.TryParse(m, out _))
                .WithMessage(r => $"'{r.Min}' is not a non-negative integer.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MinColumn)));
            RuleFor(r => r.Max)
                .Must(m => InputNumbers.TryParse(m, out _))
                .WithMessage(r => $"'{r.Max}' is not a non-negative integer.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MaxColumn)));
            RuleFor(r => r)
                .Must(r => InputNumbers.Parse(r.Min) <= InputNumbers.Parse(r.Max))
                .When(r => InputNumbers.TryParse(r.Min, out _) && InputNumbers.TryParse(r.Max, out _))
                .WithMessage(r => $"min {r.Min.Trim()} is greater than max {r.Max.Trim()} for {r.Feature.Trim()}={r.Value.Trim()}.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MinColumn)));
            RuleFor(r => r.MinFlex)
                .Must(m => InputNumbers.TryParse(m, out _))
                .When(r => !InputNumbers.IsBlank(r.MinFlex))
                .WithMessage(r => $"'{r.MinFlex}' is not a non-negative integer.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MinFlexColumn)));
            RuleFor(r => r.MaxFlex)
                .Must(m => InputNumbers.TryParse(m, out _))
                .When(r => !InputNumbers.IsBlank(r.MaxFlex))
                .WithMessage(r => $"'{r.MaxFlex}' is not a non-negative integer.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MaxFlexColumn)));
            RuleFor(r => r)
                .Must(r => InputNumbers.Parse(r.MinFlex) <= InputNumbers.Parse(r.Min))
                .When(r => InputNumbers.TryParse(r.MinFlex, out _) && InputNumbers.TryParse(r.Min, out _))
                .WithMessage(r => $"min_flex {r.MinFlex!.Trim()} is greater than min {r.Min.Trim()}: the flexible minimum may only be lower.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MinFlexColumn)));
            RuleFor(r => r)
                .Must(r => InputNumbers.Parse(r.MaxFlex) >= InputNumbers.Parse(r.Max))
                .When(r => InputNumbers.TryParse(r.MaxFlex, out _) && InputNumbers.TryParse(r.Max, out _))
                .WithMessage(r => $"max_flex {r.MaxFlex!.Trim()} is less than max {r.Max.Trim()}: the flexible maximum may only be higher.")
                .WithState(r => new InputLocation(r.Line, r.Layout.Name(r.Layout.MaxFlexColumn)));
        });
    }
}
