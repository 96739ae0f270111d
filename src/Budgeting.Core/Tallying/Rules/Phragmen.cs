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

    /// <summary>How many replays one count may spend deciding whether ties change the outcome.</summary>
    internal const int ReplayBudget = 64;

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
        var (csrStart, csrBallots) = BuildSupporterLists(profile, m);
        var context = new Context(election, profile, support, tieBreak.Rank(election, support), csrStart, csrBallots, skipUnaffordable, tieBreak);
        var state = new State(context);
        var explanations = new Explanation?[m];
        var ties = new List<Tie>();
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
                state.Active[p] = true;
            }
        }

        Run(context, state, null, explanations, ties);
        return new Outcome(
            Name,
            state.Selected,
            state.Spent,
            election.Budget,
            tieBreak,
            ties,
            explanations.Select(e => e!).ToArray());
    }

    /// <summary>
    /// Runs the rounds from <paramref name="state"/> to the end. With <paramref name="explanations"/> it records
    /// explanations and ties (the real run); without, it only plays the rule out, breaking ties by the order
    /// (a replay used to see whether a tie matters). <paramref name="forcedFirst"/> replaces the first winner.
    /// </summary>
    private static void Run(Context context, State state, int? forcedFirst, Explanation?[]? explanations, List<Tie>? ties)
    {
        var election = context.Election;
        var support = context.Support;
        var m = election.Projects.Count;
        var approx = new double[m];
        var numerators = new BigInteger[m];
        var tied = new List<int>();
        bool[]? mark = null;
        while (true)
        {
            var smallest = double.PositiveInfinity;
            for (var p = 0; p < m; p++)
            {
                approx[p] = election.Projects[p].Cost;
            }

            for (var r = 1; r < state.Counts.Count; r++)
            {
                var row = state.Counts[r];
                var t = state.ApproxTime[r];
                for (var p = 0; p < m; p++)
                {
                    approx[p] += row[p] * t;
                }
            }

            for (var p = 0; p < m; p++)
            {
                if (state.Active[p])
                {
                    approx[p] /= support[p];
                    smallest = Math.Min(smallest, approx[p]);
                }
            }

            if (double.IsPositiveInfinity(smallest))
            {
                return;
            }

            // The exact time of p is numerators[p] / (support[p] · D); D is common to all, so compare cross products.
            var threshold = smallest * (1 + 1e-9);
            tied.Clear();
            var best = -1;
            for (var p = 0; p < m; p++)
            {
                if (!state.Active[p] || approx[p] > threshold)
                {
                    continue;
                }

                numerators[p] = ExactNumerator(p, election.Projects[p].Cost, state.Denominator, state.Counts, state.RoundTime);
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

            state.Round++;
            var round = state.Round;
            tied.Sort((a, b) => context.Rank[a].CompareTo(context.Rank[b]));
            var winner = tied[0];
            if (forcedFirst is { } forced)
            {
                winner = forced;
                forcedFirst = null;
            }

            var remaining = election.Budget - state.Spent;
            var time = new Rational(numerators[winner], support[winner] * state.Denominator);
            if (tied.Count > 1 && ties is not null)
            {
                mark ??= new bool[context.Profile.BallotCount];
                var changing = MayChangeOutcome(tied, election, remaining, context.CsrStart, context.CsrBallots, mark);
                var verified = true;
                if (changing)
                {
                    changing = ChangesOutcome(context, state, tied, out verified);
                }

                var tie = new Tie(
                    Invariant($"round {round} (time {time}){(verified ? string.Empty : "; not replayed, the replay budget was spent, so reported as outcome-changing")}"),
                    tied.Select(p => election.Projects[p].Id).ToArray(),
                    [election.Projects[winner].Id],
                    changing);
                ties.Add(tie);
                if (changing && context.TieBreak.Strict)
                {
                    throw new TieException(tie);
                }
            }

            var cost = election.Projects[winner].Cost;
            if (cost > remaining)
            {
                state.Active[winner] = false;
                if (context.SkipUnaffordable)
                {
                    if (explanations is not null)
                    {
                        explanations[winner] = new Explanation(
                            election.Projects[winner].Id, false, round,
                            Invariant($"skipped in round {round}: its supporters had earned its cost at time {time} (≈{Show(time)}), but it costs {cost} and only {remaining} remains"),
                            support[winner], PaymentPerSupporter: time);
                    }

                    continue;
                }

                if (explanations is not null)
                {
                    explanations[winner] = new Explanation(
                        election.Projects[winner].Id, false, round,
                        Invariant($"its supporters had earned its cost at time {time} (≈{Show(time)}), but it costs {cost} and only {remaining} remains, so the rule stops here"),
                        support[winner], PaymentPerSupporter: time);
                    for (var p = 0; p < m; p++)
                    {
                        if (state.Active[p])
                        {
                            var at = new Rational(ExactNumerator(p, election.Projects[p].Cost, state.Denominator, state.Counts, state.RoundTime), support[p] * state.Denominator);
                            explanations[p] = new Explanation(
                                election.Projects[p].Id, false, round,
                                Invariant($"not reached: the rule stopped in round {round}, before its supporters had earned its cost (they would have at time {at} ≈{Show(at)})"),
                                support[p]);
                        }
                    }
                }

                for (var p = 0; p < m; p++)
                {
                    state.Active[p] = false;
                }

                return;
            }

            // Buy the winner at this time; bring the common denominator up to date first.
            state.Active[winner] = false;
            state.Selected.Add(winner);
            state.Spent += cost;
            var timeDenominator = time.Denominator;
            var scale = timeDenominator / BigInteger.GreatestCommonDivisor(state.Denominator, timeDenominator);
            if (!scale.IsOne)
            {
                state.Denominator *= scale;
                for (var r = 1; r < state.RoundTime.Count; r++)
                {
                    state.RoundTime[r] *= scale;
                }
            }

            var k = state.RoundTime.Count;
            state.RoundTime.Add(time.Numerator * (state.Denominator / timeDenominator));
            state.ApproxTime.Add(Approximate(time));
            state.Counts.Add(new long[m]);
            if (explanations is not null)
            {
                explanations[winner] = new Explanation(
                    election.Projects[winner].Id, true, round,
                    Invariant($"bought in round {round} at time {time} (≈{Show(time)}): its {support[winner]} supporters had together earned its cost of {cost}, and each supporter's load rose to {time}"),
                    support[winner], PaymentPerSupporter: time);
            }

            // Every supporter's load becomes the new time: move their counts, for every project they approve.
            MoveLoads(context.Profile.EntryArray, context.CsrBallots, context.CsrStart[winner], context.CsrStart[winner + 1], state.Ballots, state.Counts, k);
        }
    }

    /// <summary>
    /// Replays the rest of the rule once for each tied project bought first (later ties broken by the order) and
    /// compares the funded sets. Each replay copies the state; at most <see cref="ReplayBudget"/> replays are
    /// spent per count, after which a tie that might matter is reported as outcome-changing.
    /// </summary>
    private static bool ChangesOutcome(Context context, State state, List<int> tied, out bool verified)
    {
        if (context.ReplaysLeft < tied.Count)
        {
            verified = false;
            return true;
        }

        verified = true;
        HashSet<int>? first = null;
        foreach (var choice in tied)
        {
            context.ReplaysLeft--;
            var copy = state.Clone();
            Run(context, copy, choice, null, null);
            var set = copy.Selected.ToHashSet();
            if (first is null)
            {
                first = set;
            }
            else if (!first.SetEquals(set))
            {
                return true;
            }
        }

        return false;
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
    /// Whether breaking a tie another way might fund a different set. It provably cannot when none of the
    /// tied projects fits (each choice stops the rule, or drops them all), or when they all fit together and
    /// no voter supports two of them (each is then bought at the same time, in whatever order). Otherwise the
    /// tie is replayed.
    /// </summary>
    private static bool MayChangeOutcome(List<int> tied, Election election, long remaining, int[] csrStart, int[] csrBallots, bool[] mark)
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
    private static void MoveLoads(int[] entries, int[] csrBallots, int start, int end, BallotState[] ballots, List<long[]> counts, int k)
    {
        var m = counts[0].Length;
        var workers = Math.Min(Environment.ProcessorCount, 8);
        if (workers < 2 || end - start < ParallelThreshold)
        {
            var rows = counts.ToArray();
            MoveLoads(entries, csrBallots.AsSpan(start, end - start), ballots, rows, k, m);
            return;
        }

        var partial = new long[]?[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            var lo = start + (int)((long)(end - start) * w / workers);
            var hi = start + (int)((long)(end - start) * (w + 1) / workers);
            var rows = new long[]?[k + 1];
            MoveLoads(entries, csrBallots.AsSpan(lo, hi - lo), ballots, rows, k, m);
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
    private static void MoveLoads(int[] entries, ReadOnlySpan<int> list, BallotState[] ballots, long[]?[] rows, int k, int m)
    {
        var to = rows[k] ??= new long[m];
        foreach (var b in list)
        {
            ref var ballot = ref ballots[b];
            var from = rows[ballot.Round] ??= new long[m];
            ballot.Round = k;
            var multiplicity = ballot.Multiplicity;
            foreach (var q in entries.AsSpan(ballot.Start, ballot.Length))
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

    /// <summary>What does not change during a count.</summary>
    private sealed class Context(Election election, Profile profile, long[] support, int[] rank, int[] csrStart, int[] csrBallots, bool skipUnaffordable, TieBreak tieBreak)
    {
        public Election Election { get; } = election;

        public Profile Profile { get; } = profile;

        public long[] Support { get; } = support;

        public int[] Rank { get; } = rank;

        public int[] CsrStart { get; } = csrStart;

        public int[] CsrBallots { get; } = csrBallots;

        public bool SkipUnaffordable { get; } = skipUnaffordable;

        public TieBreak TieBreak { get; } = tieBreak;

        public int ReplaysLeft { get; set; } = ReplayBudget;
    }

    /// <summary>
    /// The state between rounds. Every load is 0 (round 0) or the time of a past purchase, so each distinct ballot
    /// only records the round of its current load, and Counts[r][q] is how many voters supporting q carry round r's
    /// load. Exact times are integers over a common denominator: round r's time is RoundTime[r] / Denominator.
    /// </summary>
    private sealed class State
    {
        public State(Context context)
        {
            var m = context.Election.Projects.Count;
            Active = new bool[m];
            Counts = [(long[])context.Support.Clone()];
            Ballots = BallotState.For(context.Profile);
        }

        private State(State other)
        {
            Active = (bool[])other.Active.Clone();
            Counts = other.Counts.Select(row => (long[])row.Clone()).ToList();
            Ballots = (BallotState[])other.Ballots.Clone();
            Denominator = other.Denominator;
            RoundTime = [.. other.RoundTime];
            ApproxTime = [.. other.ApproxTime];
            Selected = [.. other.Selected];
            Spent = other.Spent;
            Round = other.Round;
        }

        public bool[] Active { get; }

        public List<long[]> Counts { get; }

        public BallotState[] Ballots { get; }

        public BigInteger Denominator { get; set; } = BigInteger.One;

        public List<BigInteger> RoundTime { get; } = [BigInteger.Zero];

        public List<double> ApproxTime { get; } = [0];

        public List<int> Selected { get; } = [];

        public long Spent { get; set; }

        public int Round { get; set; }

        public State Clone() => new(this);
    }

    /// <summary>
    /// One distinct ballot as the hot loop needs it, in 16 bytes so that a visit touches one cache line besides
    /// the ballot's entries: where its entries start, the round whose load it carries, and its length and
    /// multiplicity packed into one word (length below 2^24, multiplicity below 2^40).
    /// </summary>
    private struct BallotState
    {
        private const int LengthBits = 24;
        private long packed;

        public int Start { get; private set; }

        public int Round { get; set; }

        public readonly int Length => (int)(packed & ((1L << LengthBits) - 1));

        public readonly long Multiplicity => packed >> LengthBits;

        public static BallotState[] For(Profile profile)
        {
            var offsets = profile.OffsetArray;
            var ballots = new BallotState[profile.BallotCount];
            for (var b = 0; b < ballots.Length; b++)
            {
                var length = offsets[b + 1] - offsets[b];
                var multiplicity = profile.Multiplicity(b);
                if (length >= 1 << LengthBits || multiplicity >= 1L << (63 - LengthBits))
                {
                    throw new NotSupportedException($"Ballot {b} is too long ({length} projects) or too frequent ({multiplicity} voters) for Phragmén's compact ballot records.");
                }

                ballots[b] = new BallotState { Start = offsets[b], packed = (multiplicity << LengthBits) | (long)length };
            }

            return ballots;
        }
    }

    private static string Show(Rational value) => Approximate(value).ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
