namespace Budgeting.Audit;

/// <summary>What <see cref="AuditBundleVerifier.Verify"/> found.</summary>
/// <param name="Findings">Everything that differs, one sentence each naming the file; empty when the bundle checks out.</param>
/// <param name="Checked">What was checked and held, one line each, for the auditor's record.</param>
public sealed record AuditVerification(IReadOnlyList<string> Findings, IReadOnlyList<string> Checked)
{
    /// <summary>Whether everything matched.</summary>
    public bool Passed => Findings.Count == 0;
}
