using System.Globalization;
using System.Text;
using Budgeting.Elections;
using Budgeting.Formats.Pabulib;
using Budgeting.Randomness;

namespace Budgeting.Audit;

/// <summary>
/// Writes the published ballots as a Pabulib file whose voters cannot be linked to panelists, and checks that a file
/// was arranged that way. The voters' order is fixed in two steps, so that it depends only on the ballots cast and
/// the published seed, never on who cast them or when:
/// <list type="number">
/// <item>sort the ballots by their text (<see cref="Key"/>: the project ids, then the points, ordinal comparison);</item>
/// <item>shuffle them with <see cref="SeededStream.Shuffle{T}"/> on the stream of the seed text
/// <c>SEED + "/ballots"</c> (see docs/audit-bundle.md).</item>
/// </list>
/// The voters are then numbered 1, 2, 3, … in that order; the file holds no other voter column.
/// </summary>
public static class AnonymousBallots
{
    /// <summary>The suffix appended to the revealed seed to get the ballot shuffle's stream.</summary>
    public const string StreamSuffix = "/ballots";

    /// <summary>
    /// Writes <paramref name="ballots"/> for <paramref name="election"/> to <paramref name="output"/> as a Pabulib file
    /// with the given extra META rows (the writer adds budget, vote type, limits and rule from the election).
    /// </summary>
    /// <exception cref="ArgumentException">A ballot names a project the election does not have, names one twice, or its points do not match.</exception>
    public static void Write(Election election, IReadOnlyList<AnonymousBallot> ballots, string seed, IEnumerable<KeyValuePair<string, string>>? meta, Stream output)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(ballots);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(output);
        var withPoints = election.BallotKind is BallotKind.Cumulative or BallotKind.Scoring;
        var builder = new ProfileBuilder(election.Projects.Count, ranked: election.BallotKind == BallotKind.Ordinal, withPoints: withPoints);
        var voterBallots = new int[ballots.Count];
        for (var b = 0; b < ballots.Count; b++)
        {
            var ballot = ballots[b];
            var indices = new int[ballot.Projects.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                if (!election.TryGetIndex(ballot.Projects[i], out indices[i]))
                {
                    throw new ArgumentException($"Ballot {b + 1} names unknown project '{ballot.Projects[i]}'.", nameof(ballots));
                }
            }

            var points = withPoints ? (ballot.Points ?? throw new ArgumentException($"Ballot {b + 1} has no points.", nameof(ballots))).ToArray() : [];
            voterBallots[b] = builder.Add(indices, points);
        }

        var profile = builder.Build();
        var keys = Enumerable.Range(0, profile.BallotCount).Select(b => Key(election, profile, b)).ToArray();
        var order = Arrange(voterBallots, keys, seed);
        var ids = Enumerable.Range(1, order.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var columns = withPoints ? new[] { "voter_id", "vote", "points" } : ["voter_id", "vote"];
        var voters = new PabulibVoters(columns, ids, order, order.Select(_ => (IReadOnlyList<string?>)new string?[columns.Length]).ToArray());
        var file = PabulibFile.FromElection(election, profile, meta, "ballots.pb") with { Voters = voters };
        PabulibWriter.Write(file, output);
    }

    /// <summary>
    /// Checks that the voters of <paramref name="file"/> (read with voters kept) are numbered 1, 2, 3, … and in the
    /// order <see cref="Write"/> gives for their ballots and <paramref name="seed"/>. Returns null when they are, else
    /// a sentence saying what differs.
    /// </summary>
    public static string? CheckOrder(PabulibFile file, string seed)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(seed);
        if (file.Voters is not { } voters)
        {
            return "the file was read without its voters";
        }

        var actual = new int[voters.Count];
        for (var v = 0; v < voters.Count; v++)
        {
            var expectedId = (v + 1).ToString(CultureInfo.InvariantCulture);
            if (voters.Id(v) != expectedId)
            {
                return $"voter {v + 1} has id '{voters.Id(v)}', not {expectedId}: the ids are not 1, 2, 3, ... in file order";
            }

            actual[v] = voters.Ballot(v);
        }

        var keys = Enumerable.Range(0, file.Profile.BallotCount).Select(b => Key(file.Election, file.Profile, b)).ToArray();
        var expected = Arrange(actual, keys, seed);
        for (var v = 0; v < actual.Length; v++)
        {
            if (keys[actual[v]] != keys[expected[v]])
            {
                return $"voter {v + 1}'s ballot is not the one the seed's shuffle puts there: the voters were reordered";
            }
        }

        return null;
    }

    /// <summary>
    /// A ballot's sort text: its project ids joined by commas, then (point ballots) a semicolon and its points joined by
    /// commas, for example <c>p1,p4;3,2</c>.
    /// </summary>
    public static string Key(Election election, Profile profile, int ballot)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        var text = new StringBuilder();
        foreach (var p in profile.Projects(ballot))
        {
            text.Append(text.Length == 0 ? "" : ",").Append(election.Projects[p].Id);
        }

        if (profile.HasPoints)
        {
            text.Append(';').AppendJoin(',', profile.Points(ballot).ToArray().Select(q => q.ToString(CultureInfo.InvariantCulture)));
        }

        return text.ToString();
    }

    // The voters' ballots sorted by key (ordinal), then shuffled by the seed's ballot stream.
    private static int[] Arrange(IReadOnlyList<int> voterBallots, string[] keys, string seed)
    {
        var order = voterBallots.OrderBy(b => keys[b], StringComparer.Ordinal).ToArray();
        new SeededStream(seed + StreamSuffix).Shuffle(order.AsSpan());
        return order;
    }
}
