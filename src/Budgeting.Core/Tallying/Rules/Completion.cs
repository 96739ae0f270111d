namespace Budgeting.Tallying.Rules;

/// <summary>How Equal Shares spends what its first pass leaves over.</summary>
public enum Completion
{
    /// <summary>No completion: the plain method.</summary>
    None,

    /// <summary>Raise the per-voter budget one currency unit at a time (<c>add1</c>).</summary>
    Add1,

    /// <summary><c>add1</c>, then fill what is left greedily by utilitarian score (<c>add1u</c>).</summary>
    Add1Utilitarian,
}
