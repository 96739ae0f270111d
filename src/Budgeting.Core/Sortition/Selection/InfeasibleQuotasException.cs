namespace Budgeting.Sortition.Selection;

/// <summary>No panel meets the quotas and the household rule. <see cref="Report"/> names the conflicting quotas and proposes a relaxation.</summary>
public sealed class InfeasibleQuotasException : Exception
{
    /// <summary>Creates the exception from the feasibility report.</summary>
    public InfeasibleQuotasException(FeasibilityReport report)
        : base(report?.Describe())
    {
        ArgumentNullException.ThrowIfNull(report);
        Report = report;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InfeasibleQuotasException()
        : this("No panel meets the quotas.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InfeasibleQuotasException(string message)
        : base(message)
    {
        Report = new FeasibilityReport(false, [], null, []);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InfeasibleQuotasException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = new FeasibilityReport(false, [], null, []);
    }

    /// <summary>The feasibility report.</summary>
    public FeasibilityReport Report { get; }
}
