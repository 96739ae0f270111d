using Budgeting.Elections;

namespace Budgeting.Tallying;

/// <summary>
/// Project scores recomputed from the ballots alone, never from a file's <c>votes</c> or <c>score</c> columns.
/// </summary>
public static class Scores
{
    /// <summary>
    /// Each project's score: approvals for approval and choose-1 ballots; the sum of points for
    /// cumulative and scoring ballots; for ordinal ballots rank 1 earns K points, rank 2 K−1 and so on,
    /// where K is the election's <c>max_length</c> if declared and the ballot's own length otherwise.
    /// </summary>
    public static long[] Compute(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        var scores = new long[profile.ProjectCount];
        for (var b = 0; b < profile.BallotCount; b++)
        {
            var projects = profile.Projects(b);
            var m = profile.Multiplicity(b);
            switch (election.BallotKind)
            {
                case BallotKind.Cumulative or BallotKind.Scoring:
                    var points = profile.Points(b);
                    for (var i = 0; i < projects.Length; i++)
                    {
                        scores[projects[i]] += points[i] * m;
                    }

                    break;
                case BallotKind.Ordinal:
                    long k = election.Limits.MaxLength ?? projects.Length;
                    for (var i = 0; i < projects.Length; i++)
                    {
                        scores[projects[i]] += (k - i) * m;
                    }

                    break;
                default:
                    foreach (var p in projects)
                    {
                        scores[p] += m;
                    }

                    break;
            }
        }

        return scores;
    }

    /// <summary>Each project's number of supporters: voters whose ballot names it.</summary>
    public static long[] Supporters(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var votes = new long[profile.ProjectCount];
        for (var b = 0; b < profile.BallotCount; b++)
        {
            var m = profile.Multiplicity(b);
            foreach (var p in profile.Projects(b))
            {
                votes[p] += m;
            }
        }

        return votes;
    }
}
