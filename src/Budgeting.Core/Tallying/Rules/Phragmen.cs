using System.Globalization;
using System.Numerics;
using Budgeting.Arithmetic;
using Budgeting.Elections;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// Phragmén's sequential rule for participatory budgeting with approval ballots, as defined by
/// Los, Christoff and Grossi, "Proportional budget allocations: towards a systematization" (IJCAI 2022),
/// and implemented by pabutools' <c>sequential_phragmen</c>.
/// </summary>
/// <remarks>
/// <para>Every voter earns virtual money continuously at rate 1, starting from 0. A voter's <em>load</em> is
/// what they have spent so far. Project <c>p</c> becomes affordable at the time
/// <c>t(p) = (cost(p) + Σ loads of p's supporters) / (number of p's supporters)</c>; the project with the
/// earliest time is bought and all its supporters' loads become <c>t(p)</c>. Loads and times are exact
/// rationals.</para>
/// <para>Before the first round, projects costing more than the whole budget and projects no voter approves
/// are set aside (a project nobody approves is never paid for). When the project with the earliest time no
/// longer fits the remaining budget, the rule <em>stops</em>, as pabutools does; with
/// <c>skipUnaffordable</c> it instead drops that project and continues with the next earliest one.</para>
/// <para>Identical ballots share one load, so the work per round grows with the distinct ballots supporting
/// the bought project, not with the number of voters.</para>
/// </remarks>
/// <param name="tieBreak">Decides between projects that become affordable at the same time.</param>
/// <param name="skipUnaffordable">Drop a project that does not fit and go on, instead of stopping.</param>
public sealed class Phragmen(TieBreak tieBreak, bool skipUnaffordable = false) : ITallyRule
{
    /// <inheritdoc/>
    public string Name => skipUnaffordable ? "phragmen skip-unaffordable" : "phragmen";

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The ballots are not approval or choose-1 ballots.</exception>
    public Outcome Tally(Election election, Profile profile)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        if (election.BallotKind is not (BallotKind.Approval or BallotKind.ChooseOne))
        {
            throw new NotSupportedException(
                $"Phragmén's sequential rule is defined for approval ballots (and choose-1, which approves one project); this election has {election.BallotKind} ballots.");
        }

        var m = election.Projects.Count;
        if (profile.ProjectCount != m)
        {
            throw new ArgumentException($"The profile has {profile.ProjectCount} projects but the election {m}.", nameof(profile));
        }

        var support = Scores.Supporters(profile);
        var rank = tieBreak.Rank(election, support);
        var (csrStart, csrBallots) = BuildSupporterLists(profile, m);

        var explanations = new Explanation?[m];
        var active = new bool[m];
        for (var p = 0; p < m; p++)
        {
            var project = election.Projects[p];
            if (project.Cost > election.Budget)
            {
                explanations[p] = new Explanation(project.Id, false, 1, Invariant($"not considered: it costs {project.Cost}, more than the whole budget of {election.Budget}"), support[p]);
            }
            else if (support[p] == 0)
            {
                explanations[p] = new Explanation(project.Id, false, 1, "not considered: no voter approves it, so no one ever pays for it", 0);
            }
            else
            {
                active[p] = true;
            }
        }

        // Loads are kept over a common denominator D: the load of round r is roundTime[r] / D, where
        // round 0 is the initial load 0. loadSum[p] is the sum over p's supporters of load·multiplicity, times D.
        var denominator = BigInteger.One;
        var roundTime = new List<BigInteger> { BigInteger.Zero };
        var loadSum = new BigInteger[m];
        var ballotRound = new int[profile.BallotCount];
        var moved = new List<long[]?> { null };
        var touched = new List<int>();
        var touchedIn = new List<int> { 0 };
        var numerators = new BigInteger[m];

        var selected = new List<int>();
        var ties = new List<Tie>();
        long spent = 0;
        var round = 0;
        var tied = new List<int>();
        bool[]? mark = null;
        while (true)
        {
            // The time at which p becomes affordable is numerators[p] / (support[p] · D); D is common to all.
            tied.Clear();
            var best = -1;
            for (var p = 0; p < m; p++)
            {
                if (!active[p])
                {
                    continue;
                }

                numerators[p] = (election.Projects[p].Cost * denominator) + loadSum[p];
                var c = best < 0 ? -1 : (numerators[p] * support[best]).CompareTo(numerators[best] * support[p]);
                if (c < 0)
                {
                    best = p;
                    tied.Clear();
                    tied.Add(p);
                }
                else if (c == 0)
                {
                    tied.Add(p);
                }
            }

            if (best < 0)
            {
                break;
            }

            round++;
            tied.Sort((a, b) => rank[a].CompareTo(rank[b]));
            var winner = tied[0];
            var remaining = election.Budget - spent;
            var time = new Rational(numerators[winner], support[winner] * denominator);
            if (tied.Count > 1)
            {
                mark ??= new bool[profile.BallotCount];
                var changing = TieChangesOutcome(tied, election, remaining, csrStart, csrBallots, mark);
                var tie = new Tie(
                    Invariant($"round {round} (time {time})"),
                    tied.Select(p => election.Projects[p].Id).ToArray(),
                    [election.Projects[winner].Id],
                    changing);
                ties.Add(tie);
                if (changing && tieBreak.Strict)
                {
                    throw new TieException(tie);
                }
            }

            var cost = election.Projects[winner].Cost;
            if (cost > remaining)
            {
                active[winner] = false;
                if (skipUnaffordable)
                {
                    explanations[winner] = new Explanation(
                        election.Projects[winner].Id, false, round,
                        Invariant($"skipped in round {round}: its supporters had earned its cost at time {time} (≈{Show(time)}), but it costs {cost} and only {remaining} remains"),
                        support[winner], PaymentPerSupporter: time);
                    continue;
                }

                explanations[winner] = new Explanation(
                    election.Projects[winner].Id, false, round,
                    Invariant($"its supporters had earned its cost at time {time} (≈{Show(time)}), but it costs {cost} and only {remaining} remains, so the rule stops here"),
                    support[winner], PaymentPerSupporter: time);
                for (var p = 0; p < m; p++)
                {
                    if (active[p])
                    {
                        var at = new Rational(numerators[p], support[p] * denominator);
                        explanations[p] = new Explanation(
                            election.Projects[p].Id, false, round,
                            Invariant($"not reached: the rule stopped in round {round}, before its supporters had earned its cost (they would have at time {at} ≈{Show(at)})"),
                            support[p]);
                        active[p] = false;
                    }
                }

                break;
            }

            // Buy the winner at this time; bring the common denominator up to date first.
            active[winner] = false;
            selected.Add(winner);
            spent += cost;
            var timeDenominator = time.Denominator;
            var scale = timeDenominator / BigInteger.GreatestCommonDivisor(denominator, timeDenominator);
            if (!scale.IsOne)
            {
                denominator *= scale;
                for (var p = 0; p < m; p++)
                {
                    loadSum[p] *= scale;
                }

                for (var r = 1; r < roundTime.Count; r++)
                {
                    roundTime[r] *= scale;
                }
            }

            var k = roundTime.Count;
            roundTime.Add(time.Numerator * (denominator / timeDenominator));
            moved.Add(null);
            touchedIn.Add(0);
            explanations[winner] = new Explanation(
                election.Projects[winner].Id, true, round,
                Invariant($"bought in round {round} at time {time} (≈{Show(time)}): its {support[winner]} supporters had together earned its cost of {cost}, and each supporter's load rose to {time}"),
                support[winner], PaymentPerSupporter: time);

            // Every supporter's load becomes the new time: count, per old round and project, the voters moved.
            touched.Clear();
            for (var i = csrStart[winner]; i < csrStart[winner + 1]; i++)
            {
                var b = csrBallots[i];
                var from = ballotRound[b];
                ballotRound[b] = k;
                var row = moved[from];
                if (row is null)
                {
                    row = new long[m];
                    moved[from] = row;
                }

                if (touchedIn[from] != k)
                {
                    touchedIn[from] = k;
                    touched.Add(from);
                }

                var multiplicity = profile.Multiplicity(b);
                foreach (var q in profile.Projects(b))
                {
                    row[q] += multiplicity;
                }
            }

            foreach (var from in touched)
            {
                var row = moved[from]!;
                var rise = roundTime[k] - roundTime[from];
                for (var q = 0; q < m; q++)
                {
                    if (row[q] != 0)
                    {
                        if (active[q])
                        {
                            loadSum[q] += rise * row[q];
                        }

                        row[q] = 0;
                    }
                }
            }
        }

        return new Outcome(
            Name,
            selected,
            spent,
            election.Budget,
            tieBreak,
            ties,
            explanations.Select(e => e!).ToArray());
    }

    /// <summary>For each project, the distinct ballots approving it, as one array with start offsets.</summary>
    private static (int[] Start, int[] Ballots) BuildSupporterLists(Profile profile, int m)
    {
        var start = new int[m + 1];
        for (var b = 0; b < profile.BallotCount; b++)
        {
            foreach (var p in profile.Projects(b))
            {
                start[p + 1]++;
            }
        }

        for (var p = 0; p < m; p++)
        {
            start[p + 1] += start[p];
        }

        var next = start[..m];
        var ballots = new int[start[m]];
        for (var b = 0; b < profile.BallotCount; b++)
        {
            foreach (var p in profile.Projects(b))
            {
                ballots[next[p]++] = b;
            }
        }

        return (start, ballots);
    }

    /// <summary>
    /// Whether breaking a tie another way could fund a different set. It provably cannot when none of the
    /// tied projects fits (each choice stops the rule, or drops them all), or when they all fit together and
    /// no voter supports two of them (each is then bought at the same time, in whatever order). Otherwise the
    /// tie is reported as outcome-changing.
    /// </summary>
    private static bool TieChangesOutcome(List<int> tied, Election election, long remaining, int[] csrStart, int[] csrBallots, bool[] mark)
    {
        long total = 0;
        var anyFits = false;
        foreach (var p in tied)
        {
            var cost = election.Projects[p].Cost;
            total += cost;
            anyFits |= cost <= remaining;
        }

        if (!anyFits)
        {
            return false;
        }

        if (total > remaining)
        {
            return true;
        }

        var disjoint = true;
        foreach (var p in tied)
        {
            for (var i = csrStart[p]; i < csrStart[p + 1] && disjoint; i++)
            {
                disjoint = !mark[csrBallots[i]];
                mark[csrBallots[i]] = true;
            }
        }

        foreach (var p in tied)
        {
            for (var i = csrStart[p]; i < csrStart[p + 1]; i++)
            {
                mark[csrBallots[i]] = false;
            }
        }

        return !disjoint;
    }

    private static string Show(Rational value) => value.ToDouble().ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
