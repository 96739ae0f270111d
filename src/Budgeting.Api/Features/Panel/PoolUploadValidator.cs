using FluentValidation;

namespace Budgeting.Api.Features.Panel;

/// <summary>Checks that both files are there before they are read; the files' content is checked by the Core reader.</summary>
public sealed class PoolUploadValidator : AbstractValidator<PoolUpload>
{
    /// <summary>Creates the validator.</summary>
    public PoolUploadValidator()
    {
        RuleFor(u => u.People).NotNull().WithMessage("The form needs a file field 'people' (the people CSV).");
        RuleFor(u => u.Categories).NotNull().WithMessage("The form needs a file field 'categories' (the categories CSV).");
        RuleFor(u => u.IdColumn).MaximumLength(200);
        RuleFor(u => u.AddressColumns).MaximumLength(1000);
    }
}
