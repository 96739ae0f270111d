using Budgeting.Elections;

namespace Budgeting.Formats.Pabulib;

/// <summary>Structural comparison of two <see cref="PabulibFile"/>s, reporting the first difference.</summary>
internal static class PabulibComparison
{
    public static string? FindDifference(PabulibFile a, PabulibFile b)
    {
        var difference = CompareElection(a.Election, b.Election) ?? CompareMeta(a, b) ?? CompareProjectColumns(a, b);
        if (difference is not null)
        {
            return difference;
        }

        var keysA = BallotKeys(a.Profile);
        var keysB = BallotKeys(b.Profile);
        return CompareProfiles(a.Profile, keysA, b.Profile, keysB, out var sameBallot) ?? CompareVoters(a, keysA, b, keysB, sameBallot);
    }

    private static string[] BallotKeys(Profile profile)
    {
        var keys = new string[profile.BallotCount];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BallotKey(profile, i);
        }

        return keys;
    }

    private static string? CompareElection(Election a, Election b)
    {
        if (a.Budget != b.Budget)
        {
            return $"budget {a.Budget} vs {b.Budget}";
        }

        if (a.BallotKind != b.BallotKind)
        {
            return $"ballot kind {a.BallotKind} vs {b.BallotKind}";
        }

        if (a.Limits != b.Limits)
        {
            return $"limits {a.Limits} vs {b.Limits}";
        }

        if (a.Rule != b.Rule)
        {
            return $"rule '{a.Rule}' vs '{b.Rule}'";
        }

        if (a.ScoreThreshold != b.ScoreThreshold)
        {
            return $"score threshold {a.ScoreThreshold} vs {b.ScoreThreshold}";
        }

        if (a.Projects.Count != b.Projects.Count)
        {
            return $"{a.Projects.Count} projects vs {b.Projects.Count}";
        }

        for (var p = 0; p < a.Projects.Count; p++)
        {
            if (a.Projects[p] != b.Projects[p])
            {
                return $"project {p}: {a.Projects[p]} vs {b.Projects[p]}";
            }
        }

        return null;
    }

    private static string? CompareMeta(PabulibFile a, PabulibFile b)
    {
        if (a.Meta.Count != b.Meta.Count)
        {
            return $"{a.Meta.Count} META rows vs {b.Meta.Count}";
        }

        for (var i = 0; i < a.Meta.Count; i++)
        {
            var (ka, va) = a.Meta[i];
            var (kb, vb) = b.Meta[i];
            if (ka != kb || (va != vb && !(PabulibText.IsMissing(va) && PabulibText.IsMissing(vb))))
            {
                return $"META row {i}: '{ka}'='{va}' vs '{kb}'='{vb}'";
            }
        }

        return null;
    }

    private static string? CompareProjectColumns(PabulibFile a, PabulibFile b)
    {
        if (!a.ProjectColumns.SequenceEqual(b.ProjectColumns))
        {
            return $"PROJECTS columns [{string.Join(';', a.ProjectColumns)}] vs [{string.Join(';', b.ProjectColumns)}]";
        }

        for (var p = 0; p < a.Election.Projects.Count; p++)
        {
            foreach (var column in a.ProjectColumns)
            {
                if (column is "project_id" or "cost")
                {
                    continue; // compared through the election
                }

                var va = a.ProjectValue(p, column);
                var vb = b.ProjectValue(p, column);
                if (va != vb)
                {
                    return $"project {a.Election.Projects[p].Id} column '{column}': '{va}' vs '{vb}'";
                }
            }
        }

        return null;
    }

    /// <summary>Compares distinct ballots and multiplicities in any order; on success, maps each ballot of a to the same ballot of b.</summary>
    private static string? CompareProfiles(Profile a, string[] keysA, Profile b, string[] keysB, out int[] sameBallot)
    {
        sameBallot = [];
        if (a.VoterCount != b.VoterCount || a.BallotCount != b.BallotCount || a.HasPoints != b.HasPoints || a.ProjectCount != b.ProjectCount)
        {
            return $"profile of {a.VoterCount} voters, {a.BallotCount} distinct ballots vs {b.VoterCount} voters, {b.BallotCount} distinct ballots";
        }

        var indexA = new Dictionary<string, int>(a.BallotCount, StringComparer.Ordinal);
        for (var i = 0; i < a.BallotCount; i++)
        {
            indexA[keysA[i]] = i;
        }

        sameBallot = new int[a.BallotCount];
        for (var i = 0; i < b.BallotCount; i++)
        {
            if (!indexA.TryGetValue(keysB[i], out var j) || a.Multiplicity(j) != b.Multiplicity(i))
            {
                var inA = indexA.TryGetValue(keysB[i], out var k) ? a.Multiplicity(k) : 0;
                return $"ballot [{keysB[i]}] is cast by {b.Multiplicity(i)} voters in the second file and {inA} in the first";
            }

            sameBallot[j] = i;
        }

        return null;
    }

    private static string? CompareVoters(PabulibFile a, string[] keysA, PabulibFile b, string[] keysB, int[] sameBallot)
    {
        if (a.Voters is null || b.Voters is null)
        {
            return null;
        }

        var va = a.Voters;
        var vb = b.Voters;
        if (va.Count != vb.Count)
        {
            return $"{va.Count} voters vs {vb.Count}";
        }

        if (!va.Columns.SequenceEqual(vb.Columns))
        {
            return $"VOTES columns [{string.Join(';', va.Columns)}] vs [{string.Join(';', vb.Columns)}]";
        }

        for (var v = 0; v < va.Count; v++)
        {
            if (va.Id(v) != vb.Id(v))
            {
                return $"voter {v}: id '{va.Id(v)}' vs '{vb.Id(v)}'";
            }

            if (sameBallot[va.Ballot(v)] != vb.Ballot(v))
            {
                return $"voter '{va.Id(v)}': ballot [{keysA[va.Ballot(v)]}] vs [{keysB[vb.Ballot(v)]}]";
            }

            for (var c = 0; c < va.Columns.Count; c++)
            {
                if (va.Value(v, c) != vb.Value(v, c))
                {
                    return $"voter '{va.Id(v)}' column '{va.Columns[c]}': '{va.Value(v, c)}' vs '{vb.Value(v, c)}'";
                }
            }
        }

        return null;
    }

    private static string BallotKey(Profile profile, int ballot)
    {
        var projects = profile.Projects(ballot);
        var points = profile.Points(ballot);
        return string.Join(',', projects.ToArray()) + "|" + string.Join(',', points.ToArray());
    }
}
