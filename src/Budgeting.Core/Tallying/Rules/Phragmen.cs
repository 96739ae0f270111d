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
    /// <summary>Supporter lists at least this long are processed on several threads (tests lower it).</summary>
    internal static int ParallelThreshold { get; set; } = 1 << 16;

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

        // Every load is 0 (round 0) or the time of a past purchase, so each distinct ballot only records the
        // round of its current load, and counts[r][q] is how many voters supporting q carry round r's load.
        // Exact times are kept as integers over a common denominator D: round r's time is roundTime[r] / D.
        // A double copy of each time (approxTime) filters candidates; only projects whose approximate time is
        // within a relative 1e-9 of the smallest are evaluated exactly. The double error is below
        // (rounds + 3)·2^-52 relative, so the exact earliest projects (ties included) are always candidates.
        var denominator = BigInteger.One;
        var roundTime = new List<BigInteger> { BigInteger.Zero };
        var approxTime = new List<double> { 0 };
        var counts = new List<long[]> { (long[])support.Clone() };
        var ballotRound = new int[profile.BallotCount];
        var approx = new double[m];
        var numerators = new BigInteger[m];

        var selected = new List<int>();
        var ties = new List<Tie>();
        long spent = 0;
        var round = 0;
        var tied = new List<int>();
        bool[]? mark = null;
        while (true)
        {
            var smallest = double.PositiveInfinity;
            for (var p = 0; p < m; p++)
            {
                approx[p] = election.Projects[p].Cost;
            }

            for (var r = 1; r < counts.Count; r++)
            {
                var row = counts[r];
                var t = approxTime[r];
                for (var p = 0; p < m; p++)
                {
                    approx[p] += row[p] * t;
                }
            }

            for (var p = 0; p < m; p++)
            {
                if (active[p])
                {
                    approx[p] /= support[p];
                    smallest = Math.Min(smallest, approx[p]);
                }
            }

            if (double.IsPositiveInfinity(smallest))
            {
                break;
            }

            // The exact time of p is numerators[p] / (support[p] · D); D is common to all, so compare cross products.
            var threshold = smallest * (1 + 1e-9);
            tied.Clear();
            var best = -1;
            for (var p = 0; p < m; p++)
            {
                if (!active[p] || approx[p] > threshold)
                {
                    continue;
                }

                numerators[p] = ExactNumerator(p, election.Projects[p].Cost, denominator, counts, roundTime);
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
                        var at = new Rational(ExactNumerator(p, election.Projects[p].Cost, denominator, counts, roundTime), support[p] * denominator);
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
                for (var r = 1; r < roundTime.Count; r++)
                {
                    roundTime[r] *= scale;
                }
            }

            var k = roundTime.Count;
            roundTime.Add(time.Numerator * (denominator / timeDenominator));
            approxTime.Add(Approximate(time));
            counts.Add(new long[m]);
            explanations[winner] = new Explanation(
                election.Projects[winner].Id, true, round,
                Invariant($"bought in round {round} at time {time} (≈{Show(time)}): its {support[winner]} supporters had together earned its cost of {cost}, and each supporter's load rose to {time}"),
                support[winner], PaymentPerSupporter: time);

            // Every supporter's load becomes the new time: move their counts, for every project they approve.
            MoveLoads(profile, csrBallots, csrStart[winner], csrStart[winner + 1], ballotRound, counts, k);
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

    /// <summary>
    /// Moves the load of the ballots csrBallots[start..end) to round <paramref name="k"/>, keeping the per-round
    /// counts. Long lists are split between threads, each counting into its own rows, then added up: integer sums,
    /// so the result does not depend on the split or the scheduling.
    /// </summary>
    private static void MoveLoads(Profile profile, int[] csrBallots, int start, int end, int[] ballotRound, List<long[]> counts, int k)
    {
        var m = counts[0].Length;
        var workers = Math.Min(Environment.ProcessorCount, 8);
        if (workers < 2 || end - start < ParallelThreshold)
        {
            var rows = counts.ToArray();
            MoveLoads(profile, csrBallots.AsSpan(start, end - start), ballotRound, rows, k, m);
            return;
        }

        var partial = new long[]?[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var lo = start + (int)((long)(end - start) * w / workers);
            var hi = start + (int)((long)(end - start) * (w + 1) / workers);
            var rows = new long[]?[k + 1];
            MoveLoads(profile, csrBallots.AsSpan(lo, hi - lo), ballotRound, rows, k, m);
            partial[w] = rows;
        });

        foreach (var rows in partial)
        {
            for (var r = 0; r <= k; r++)
            {
                if (rows[r] is { } delta)
                {
                    var target = counts[r];
                    for (var q = 0; q < m; q++)
                    {
                        target[q] += delta[q];
                    }
                }
            }
        }
    }

    /// <summary>The sequential core: subtracts each ballot's voters from its old round's row and adds them to round k's.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void MoveLoads(Profile profile, ReadOnlySpan<int> ballots, int[] ballotRound, long[]?[] rows, int k, int m)
    {
        var to = rows[k] ??= new long[m];
        foreach (var b in ballots)
        {
            var round = ballotRound[b];
            var from = rows[round] ??= new long[m];
            ballotRound[b] = k;
            var multiplicity = profile.Multiplicity(b);
            foreach (var q in profile.Projects(b))
            {
                from[q] -= multiplicity;
                to[q] += multiplicity;
            }
        }
    }

    /// <summary>cost·D + Σ over rounds of (voters of p carrying that round's load) · (that load · D).</summary>
    private static BigInteger ExactNumerator(int p, long cost, BigInteger denominator, List<long[]> counts, List<BigInteger> roundTime)
    {
        var sum = cost * denominator;
        for (var r = 1; r < counts.Count; r++)
        {
            var c = counts[r][p];
            if (c != 0)
            {
                sum += roundTime[r] * c;
            }
        }

        return sum;
    }

    /// <summary>
    /// The nearest double to a positive rational, within 2^-52 relative, even when numerator and denominator
    /// are far beyond the range of a double: the quotient is taken to 64 significant bits first.
    /// </summary>
    internal static double Approximate(Rational value)
    {
        if (value.IsZero)
        {
            return 0;
        }

        var numerator = BigInteger.Abs(value.Numerator);
        var denominator = value.Denominator;
        var shift = (int)(denominator.GetBitLength() - numerator.GetBitLength()) + 64;
        var quotient = shift >= 0 ? (numerator << shift) / denominator : numerator / (denominator << -shift);
        return value.Sign * Math.ScaleB((double)quotient, -shift);
    }

    private static string Show(Rational value) => Approximate(value).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
