namespace Budgeting.Sortition.Inputs;

/// <summary>Where a validation failure is: carried as FluentValidation's custom state.</summary>
internal sealed record InputLocation(int Line, string Column);
