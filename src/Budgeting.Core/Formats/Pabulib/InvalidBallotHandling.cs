namespace Budgeting.Formats.Pabulib;

/// <summary>What the reader does with a ballot that breaks one of the election's declared limits.</summary>
public enum InvalidBallotHandling
{
    /// <summary>Keep the ballot, count it, and add a warning naming its line. Official Pabulib outcomes are computed this way.</summary>
    Count,

    /// <summary>Stop reading: throw a <see cref="PabulibFormatException"/> naming the line and the limit.</summary>
    Reject,
}
