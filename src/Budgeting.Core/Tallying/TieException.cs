namespace Budgeting.Tallying;

/// <summary>Thrown in strict mode when a tie would decide the outcome.</summary>
public sealed class TieException : Exception
{
    /// <summary>Creates the exception for <paramref name="tie"/>.</summary>
    public TieException(Tie tie)
        : base($"Tie at {tie?.Step} between projects {string.Join(", ", tie?.ProjectIds ?? [])} decides the outcome; strict mode refuses to break it.")
    {
        Tie = tie!;
    }

    /// <summary>The tie.</summary>
    public Tie Tie { get; }
}
