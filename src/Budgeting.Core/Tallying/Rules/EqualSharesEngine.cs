using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Budgeting.Arithmetic;
using Budgeting.Elections;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// The exact engine behind <see cref="EqualShares"/>: runs the Method of Equal Shares at a given
/// per-voter budget. The project → supporting-ballots index is built once and reused by every run
/// (the add1 completion runs the method many times).
/// </summary>
/// <remarks>
/// <para>Voters who cast the same ballot behave identically, so the engine works on the profile's
/// distinct ballots. Approval ballots take the path in <c>EqualSharesEngine.Ballots.cs</c> (fixed-point money
/// per ballot, ρ located in floating point and settled exactly); what follows describes the budget-class path,
/// used for point ballots and kept as the approval path's test oracle. A ballot's remaining money is not stored as a number but as an index into a
/// table of distinct budget values ("budget classes"): when a project is funded, every supporting
/// ballot of class k (and weight w) moves to one new class, so the table stays small. Computing a
/// project's ρ then aggregates its supporters by class, sorts the few classes by money per unit of
/// weight and solves exactly.</para>
/// <para>Across rounds the evaluation is lazy: a project's ρ can only rise as budgets fall, so the
/// engine keeps a priority queue of lower bounds and recomputes only the top until the top's fresh
/// value is no worse than every other bound. Every project whose bound equals the best value is
/// refreshed before choosing, so ties are all found.</para>
/// <para>Weights: for approval ballots every supporter has weight 1; for point ballots the weight is
/// the points given. A supporter pays min(money, ρ × weight). The quantity ρ is thus the payment
/// per approval (per point). Cost utilities compare projects by ρ / cost (utility is weight × cost),
/// cardinality utilities by ρ itself; lower is better.</para>
/// </remarks>
internal sealed partial class EqualSharesEngine
{

    private const int FixedShift = 32;

    /// <summary>Supporter lists at least this long are aggregated on two threads.</summary>
    internal int ParallelThreshold { get; set; } = 1 << 16;

    private readonly int projectCount;
    private readonly long[] costs;
    private readonly int[] start;
    private readonly int[] entryBallot;
    private readonly int[]? entryWeight;
    private readonly long[] multiplicity;
    private readonly int ballotCount;
    private readonly long[] supporters;
    private readonly Profile profile;
    private RunBuffers? spare;

    /// <summary>The large arrays of one run, handed to the next run (add1 runs the method many times).</summary>
    private sealed class RunBuffers
    {
        public required long[] BallotClass { get; init; }

        public required long[] Accumulated { get; init; }

        public required long[] Accumulated2 { get; init; }

        public required int[] ClassMap { get; init; }

        public long[]? Money { get; init; }
    }
    private readonly bool withPoints;
    private readonly bool classesOnly;
    private readonly bool costUtility;
    private readonly int[] rank;

    /// <summary>An exact fraction kept unreduced (no greatest common divisor), compared by cross-multiplication; denominators are positive.</summary>
    private readonly record struct Fraction(BigInteger Numerator, BigInteger Denominator) : IComparable<Fraction>
    {
        public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    }

    /// <summary>Builds the index.</summary>
    /// <param name="election">The election (costs).</param>
    /// <param name="profile">The ballots.</param>
    /// <param name="withPoints">Use the ballots' points as weights (cumulative, scoring); otherwise every supporter has weight 1.</param>
    /// <param name="utility">Cost or cardinality utilities.</param>
    /// <param name="rank">The tie-break rank of every project (0 wins).</param>
    /// <param name="classesOnly">Use budget classes even for approval ballots (the previous engine, kept as a test oracle).</param>
    public EqualSharesEngine(Election election, Profile profile, bool withPoints, Utility utility, int[] rank, bool classesOnly = false)
    {
        this.classesOnly = classesOnly;
        projectCount = election.Projects.Count;
        costs = new long[projectCount];
        for (var p = 0; p < projectCount; p++)
        {
            costs[p] = election.Projects[p].Cost;
        }

        costUtility = utility == Utility.Cost;
        this.profile = profile;
        this.rank = rank;
        ballotCount = profile.BallotCount;
        multiplicity = new long[ballotCount];
        start = new int[projectCount + 1];
        withPoints &= profile.HasPoints;
        this.withPoints = withPoints;
        for (var b = 0; b < ballotCount; b++)
        {
            multiplicity[b] = profile.Multiplicity(b);
            var projects = profile.Projects(b);
            var points = withPoints ? profile.Points(b) : default;
            for (var i = 0; i < projects.Length; i++)
            {
                if (!withPoints || points[i] > 0)
                {
                    start[projects[i] + 1]++;
                }
            }
        }

        for (var p = 0; p < projectCount; p++)
        {
            start[p + 1] += start[p];
        }

        supporters = new long[projectCount];
        entryBallot = new int[start[projectCount]];
        entryWeight = withPoints ? new int[entryBallot.Length] : null;
        var fill = start[..projectCount];
        for (var b = 0; b < ballotCount; b++)
        {
            var projects = profile.Projects(b);
            var points = withPoints ? profile.Points(b) : default;
            for (var i = 0; i < projects.Length; i++)
            {
                if (!withPoints || points[i] > 0)
                {
                    var e = fill[projects[i]]++;
                    entryBallot[e] = b;
                    supporters[projects[i]] += multiplicity[b];
                    if (entryWeight is not null)
                    {
                        entryWeight[e] = points[i];
                    }
                }
            }
        }
    }

    /// <summary>The projects' costs.</summary>
    public IReadOnlyList<long> Costs => costs;

    /// <summary>Whether the project has at least one supporter with positive weight.</summary>
    public bool HasSupporters(int project) => start[project + 1] > start[project];

    /// <summary>Runs the method with every voter starting at <paramref name="perVoter"/>.</summary>
    /// <param name="perVoter">Each voter's starting money.</param>
    /// <param name="recordTies">Record the ties met (and whether tied projects share supporters).</param>
    /// <param name="explain">Also report, per project, what its supporters had left at the end.</param>
    /// <param name="forcedRound">A round in which the choice among tied projects is forced, or 0.</param>
    /// <param name="forcedProject">The project to fund in <paramref name="forcedRound"/>; it must be among the tied ones.</param>
    public EqualSharesRun Run(Rational perVoter, bool recordTies, bool explain, int forcedRound = 0, int forcedProject = -1)
    {
        var state = new RunState(this, perVoter, spare);
        spare = null;
        var result = state.Execute(recordTies, explain, forcedRound, forcedProject);
        spare = state.Release();
        return result;
    }

    /// <summary>
    /// One run's mutable state. Each distinct ballot points to a budget class. A class with money left
    /// is described by its history: its parent class and the round in which it paid ρ × weight (the root
    /// class holds the starting money; class 0 holds nothing). So a class's value is the starting money
    /// minus the payments along its chain, and no big number is stored per class.
    /// Exact values are integers over a shared denominator: D_0 is the denominator of the starting money
    /// and D_t = D_(t−1) × W_t, where W_t is the weight that paid ρ in round t, so ρ_t has numerator
    /// paid_t over D_t. Sums of many classes then cost one multiplication per round, never a greatest
    /// common divisor. Every class also carries fixed-point bounds low ≤ value × 2^32 ≤ high (Int128),
    /// which settle almost every comparison; exact arithmetic settles the rest.
    /// </summary>
    private sealed partial class RunState
    {
        private readonly EqualSharesEngine e;
        /// <summary>
        /// Per distinct ballot, its class in the low 32 bits and its multiplicity in the high 32 bits (capped at
        /// <see cref="MultiplicityCap"/>, which means "look it up"), so a scan reads both with one memory access.
        /// </summary>
        private readonly long[] ballotClass;
        private const long MultiplicityCap = int.MaxValue;
        private const long HighHalf = unchecked((long)0xFFFFFFFF00000000UL);
        private readonly List<int> parent = [];
        private readonly List<int> paidRound = [];
        private readonly List<int> paidWeight = [];
        private readonly List<Int128> lower = [];
        private readonly List<Int128> upper = [];
        private readonly List<BigInteger> rhoScaled = [BigInteger.Zero];
        private readonly List<int> touched = [];
        private readonly Dictionary<long, long> pointGroups = [];
        private readonly Dictionary<long, int> pointMap = [];
        private readonly BigInteger startNumerator;
        private BigInteger startScaled;
        private BigInteger denominator;
        private long[] accumulated = new long[16];
        private long[] accumulated2 = new long[16];
        private readonly List<int> touched2 = [];
        private long[] coefficient = new long[16];
        private int[] classMap = new int[16];

        /// <summary>
        /// Per project, the end of its live entries (approval ballots): entries of ballots with no money left are
        /// swapped behind it when a scan meets them, so later scans skip them. Only the order inside a project's
        /// segment changes, which no result depends on; every run starts with all entries live.
        /// </summary>
        private readonly int[] liveEnd;

        /// <summary>The list <see cref="Groups"/> fills, reused (it is consumed before the next call).</summary>
        private readonly List<(int Class, long Weight, long Count)> groupBuffer = [];

        public RunState(EqualSharesEngine engine, Rational perVoter, RunBuffers? buffers)
        {
            e = engine;
            fundedRound = new int[e.projectCount];
            moneyShift = MoneyShift(perVoter);
            if (e.entryWeight is null && !e.classesOnly && moneyShift > 0)
            {
                // Approval ballots: every ballot holds its own fixed-point money (see EqualSharesEngine.Ballots.cs).
                ballotClass = [];
                money = buffers?.Money ?? new long[2 * e.ballotCount];
                var start = perVoter.Sign > 0 ? (long)((perVoter.Numerator << moneyShift) / perVoter.Denominator) : -1;
                for (var b = 0; b < e.ballotCount; b++)
                {
                    money[2 * b] = start;
                    money[(2 * b) + 1] = e.multiplicity[b];
                }
            }
            else if (buffers is not null && buffers.BallotClass.Length == e.ballotCount)
            {
                // Accumulators are left all zero by every use; the class array is reset below.
                ballotClass = buffers.BallotClass;
                accumulated = buffers.Accumulated;
                accumulated2 = buffers.Accumulated2;
                classMap = buffers.ClassMap;
            }
            else
            {
                ballotClass = new long[e.ballotCount];
            }

            var initial = perVoter.Sign > 0 ? 1L : 0L;
            for (var b = 0; b < ballotClass.Length; b++)
            {
                ballotClass[b] = (Math.Min(e.multiplicity[b], MultiplicityCap) << 32) | initial;
            }

            liveEnd = e.start[1..];
            denominator = perVoter.Denominator;
            startNumerator = perVoter.Numerator;
            startScaled = startNumerator;
            AddClass(-1, 0, 0, 0, 0);
            if (perVoter.Sign > 0)
            {
                var q = BigInteger.DivRem(startNumerator << FixedShift, denominator, out var remainder);
                AddClass(-1, 0, 0, (Int128)q, remainder.IsZero ? (Int128)q : (Int128)q + 1);
            }
        }

        /// <summary>Hands the large arrays over for the next run.</summary>
        public RunBuffers Release() => new()
        {
            BallotClass = ballotClass,
            Accumulated = accumulated,
            Accumulated2 = accumulated2,
            ClassMap = classMap,
            Money = money,
        };


        /// <summary>The number of rounds funded so far.</summary>
        private int Funded => rhoScaled.Count - 1;

        public EqualSharesRun Execute(bool recordTies, bool explain, int forcedRound, int forcedProject)
        {
            var selected = new List<int>();
            var payments = new List<Rational>();
            var ties = new List<EqualSharesTie>();
            var freshRound = new int[e.projectCount];
            var freshRho = new Fraction[e.projectCount];
            var freshPaid = new BigInteger[e.projectCount];
            var freshWeight = new long[e.projectCount];
            var queue = new PriorityQueue<int, Fraction>(e.projectCount);
            var round = 1;

            void Refresh(int p)
            {
                if (Evaluate(p, out var paid, out var weight))
                {
                    var rho = new Fraction(paid, denominator * weight);
                    freshRound[p] = round;
                    freshRho[p] = rho;
                    freshPaid[p] = paid;
                    freshWeight[p] = weight;
                    queue.Enqueue(p, Key(p, rho));
                }
            }

            // Round 1: with approval ballots every supporter holds the starting money, so ρ = cost / supporters
            // whenever they can afford it (no scan needed).
            for (var p = 0; p < e.projectCount; p++)
            {
                if (!e.HasSupporters(p))
                {
                    continue;
                }

                if (e.entryWeight is not null || e.ballotCount == 0 || parent.Count < 2)
                {
                    Refresh(p);
                    continue;
                }

                var n = e.supporters[p];
                var paid = e.costs[p] * denominator;
                if (startNumerator * n >= paid)
                {
                    var rho = new Fraction(paid, denominator * n);
                    freshRound[p] = round;
                    freshRho[p] = rho;
                    freshPaid[p] = paid;
                    freshWeight[p] = n;
                    queue.Enqueue(p, Key(p, rho));
                }
            }

            var tied = new List<int>();
            while (true)
            {
                // Refresh the top until it is fresh: then its value is the best of all.
                var found = false;
                Fraction best = default;
                while (queue.TryPeek(out var top, out var bound))
                {
                    if (freshRound[top] == round)
                    {
                        best = bound;
                        found = true;
                        break;
                    }

                    queue.Dequeue();
                    Refresh(top);
                }

                if (!found)
                {
                    break;
                }

                // Everything whose bound equals the best value may be tied with it: refresh it.
                tied.Clear();
                while (queue.TryPeek(out var next, out var bound) && bound.CompareTo(best) == 0)
                {
                    queue.Dequeue();
                    if (freshRound[next] == round)
                    {
                        tied.Add(next);
                    }
                    else
                    {
                        Refresh(next);
                    }
                }

                tied.Sort((a, b) => e.rank[a].CompareTo(e.rank[b]));
                var chosen = tied[0];
                if (round == forcedRound && tied.Contains(forcedProject))
                {
                    chosen = forcedProject;
                }

                if (tied.Count > 1 && recordTies)
                {
                    ties.Add(new EqualSharesTie(round, [.. tied], chosen, SupportersOverlap(tied)));
                }

                foreach (var other in tied)
                {
                    if (other != chosen)
                    {
                        queue.Enqueue(other, best);
                    }
                }

                Fund(chosen, freshPaid[chosen], freshWeight[chosen]);
                selected.Add(chosen);
                payments.Add(new Rational(freshRho[chosen].Numerator, freshRho[chosen].Denominator));
                round++;
            }

            var moneyBehind = explain ? MoneyBehind() : null;

            return new EqualSharesRun(selected, payments, ties, moneyBehind);
        }

        /// <summary>
        /// What each project's supporters have left, as text: one pass over the ballots adds up the fixed-point
        /// bounds; where the bounds do not fix the hundredths shown, the exact sum decides.
        /// </summary>
        private string[] MoneyBehind()
        {
            if (money is not null)
            {
                return MoneyBehindByBallot();
            }

            var low = new Int128[e.projectCount];
            var high = new Int128[e.projectCount];
            for (var b = 0; b < e.ballotCount; b++)
            {
                var k = (int)ballotClass[b];
                if (k == 0)
                {
                    continue;
                }

                var m = e.multiplicity[b];
                var lo = lower[k] * m;
                var hi = upper[k] * m;
                var projects = e.profile.Projects(b);
                var points = e.withPoints ? e.profile.Points(b) : default;
                for (var i = 0; i < projects.Length; i++)
                {
                    if (!e.withPoints || points[i] > 0)
                    {
                        low[projects[i]] += lo;
                        high[projects[i]] += hi;
                    }
                }
            }

            var text = new string[e.projectCount];
            var one = (Int128)1 << FixedShift;
            for (var p = 0; p < e.projectCount; p++)
            {
                var fromLow = low[p] * 100 / one;
                var fromHigh = high[p] * 100 / one;
                if (fromLow == fromHigh && low[p] % one != 0)
                {
                    text[p] = EqualSharesText.ShowHundredths((BigInteger)fromLow);
                }
                else
                {
                    var groups = Groups(p, sorted: false);
                    text[p] = EqualSharesText.Show(new Rational(ExactSum(groups, groups.Count), denominator));
                }
            }

            return text;
        }

        private Fraction Key(int p, Fraction rho) => e.costUtility ? new Fraction(rho.Numerator, rho.Denominator * e.costs[p]) : rho;

        private int AddClass(int from, int paidIn, int weight, Int128 low, Int128 high)
        {
            parent.Add(from);
            paidRound.Add(paidIn);
            paidWeight.Add(weight);
            lower.Add(low);
            upper.Add(high);
            return parent.Count - 1;
        }

        /// <summary>A class's exact value, as a numerator over the current denominator D_T.</summary>
        private BigInteger Value(int k)
        {
            if (k == 0)
            {
                return BigInteger.Zero;
            }

            var value = startScaled;
            for (; parent[k] >= 0; k = parent[k])
            {
                value -= rhoScaled[paidRound[k]] * paidWeight[k];
            }

            return value;
        }

        /// <summary>Groups the supporters of <paramref name="p"/> with money left as (class, weight, voters), sorted by money per unit of weight if asked.</summary>
        private List<(int Class, long Weight, long Count)> Groups(int p, bool sorted = true)
        {
            var groups = groupBuffer;
            groups.Clear();
            var from = e.start[p];
            var to = e.start[p + 1];
            if (e.entryWeight is null)
            {
                to = liveEnd[p];
                if (accumulated.Length < parent.Count)
                {
                    accumulated = new long[Math.Max(parent.Count, accumulated.Length * 2)];
                }

                touched.Clear();
                var acc = accumulated;
                if (to - from < e.ParallelThreshold)
                {
                    liveEnd[p] = Gather(from, to, acc, touched);
                }
                else
                {
                    // Two halves on two threads; integer sums, so the result does not depend on the split.
                    if (accumulated2.Length < parent.Count)
                    {
                        accumulated2 = new long[accumulated.Length];
                    }

                    touched2.Clear();
                    var acc2 = accumulated2;
                    var middle = from + ((to - from) / 2);
                    var end1 = middle;
                    var end2 = to;
                    Parallel.Invoke(() => end1 = Gather(from, middle, acc, touched), () => end2 = Gather(middle, to, acc2, touched2));

                    // Live entries are [from, end1) and [middle, end2): bring the second block down behind the first
                    // (each swap moves a dead entry forward into the part still to be passed).
                    var ballots = e.entryBallot;
                    for (var j = 0; j < end2 - middle; j++)
                    {
                        (ballots[end1 + j], ballots[middle + j]) = (ballots[middle + j], ballots[end1 + j]);
                    }

                    liveEnd[p] = end1 + (end2 - middle);
                    foreach (var k in touched2)
                    {
                        if (acc[k] == 0)
                        {
                            touched.Add(k);
                        }

                        acc[k] += acc2[k];
                        acc2[k] = 0;
                    }
                }

                if (!sorted)
                {
                    foreach (var k in touched)
                    {
                        groups.Add((k, 1, acc[k]));
                        acc[k] = 0;
                    }

                    return groups;
                }

                // Sort by the lower bound, shifted into a long so the primitive sort applies (the shift drops only
                // bits below the top 62), then repair the order exactly wherever two neighbours' bounds overlap or
                // their keys were equal (insertion sort; the list is already nearly sorted).
                var count = touched.Count;
                var itemsArray = ArrayPool<int>.Shared.Rent(count);
                var keysArray = ArrayPool<long>.Shared.Rent(count);
                var items = itemsArray.AsSpan(0, count);
                var keys = keysArray.AsSpan(0, count);
                var lows = CollectionsMarshal.AsSpan(lower);
                var seen = CollectionsMarshal.AsSpan(touched);
                Int128 largest = 0;
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = seen[i];
                    largest = Int128.Max(largest, lows[seen[i]]);
                }

                var shift = Math.Max(0, 128 - (int)Int128.LeadingZeroCount(largest) - 62);
                for (var i = 0; i < items.Length; i++)
                {
                    keys[i] = (long)(lows[items[i]] >> shift);
                }

                keys.Sort(items);
                for (var i = 1; i < items.Length; i++)
                {
                    for (var j = i; j > 0 && Less(items[j], items[j - 1]); j--)
                    {
                        (items[j], items[j - 1]) = (items[j - 1], items[j]);
                    }
                }

                foreach (var k in items)
                {
                    groups.Add((k, 1, acc[k]));
                    acc[k] = 0;
                }

                ArrayPool<int>.Shared.Return(itemsArray);
                ArrayPool<long>.Shared.Return(keysArray);
            }
            else
            {
                pointGroups.Clear();
                for (var i = from; i < to; i++)
                {
                    var b = e.entryBallot[i];
                    var k = (int)ballotClass[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    var key = ((long)k << 32) | (uint)e.entryWeight[i];
                    pointGroups[key] = pointGroups.GetValueOrDefault(key) + e.multiplicity[b];
                }

                var keyed = new List<(BigInteger Value, int Class, long Weight, long Count)>(pointGroups.Count);
                foreach (var (key, count) in pointGroups)
                {
                    var k = (int)(key >> 32);
                    keyed.Add((sorted ? Value(k) : BigInteger.Zero, k, (int)(key & 0xFFFFFFFF), count));
                }

                if (sorted)
                {
                    // By money per point, ascending: v1 / w1 against v2 / w2, exactly.
                    keyed.Sort((x, y) =>
                    {
                        var c = (x.Value * y.Weight).CompareTo(y.Value * x.Weight);
                        return c != 0 ? c : x.Class != y.Class ? x.Class.CompareTo(y.Class) : x.Weight.CompareTo(y.Weight);
                    });
                }

                foreach (var g in keyed)
                {
                    groups.Add((g.Class, g.Weight, g.Count));
                }
            }

            return groups;
        }

        /// <summary>Moves the ballots in entries [from, to) to their new classes (approval ballots).</summary>
        private void Move(int from, int to)
        {
            var cls = ballotClass;
            var map = classMap;
            var ballots = e.entryBallot;
            for (var i = from; i < to; i++)
            {
                var b = ballots[i];
                var slot = cls[b];
                var k = (int)slot;
                if (k != 0)
                {
                    cls[b] = (slot & HighHalf) | (uint)map[k];
                }
            }
        }

        /// <summary>
        /// Adds up, per class, the voters of the ballots in entries [from, to) that still have money, and swaps the
        /// entries of ballots with none left behind the live ones; returns the end of the live entries.
        /// </summary>
        private int Gather(int from, int to, long[] acc, List<int> seen)
        {
            var cls = ballotClass;
            var mult = e.multiplicity;
            var ballots = e.entryBallot;
            var live = from;
            for (var i = from; i < to; i++)
            {
                var b = ballots[i];
                var slot = cls[b];
                var k = (int)slot;
                if (k == 0)
                {
                    continue;
                }

                if (live != i)
                {
                    // Entries [live, i) are all dead: swap one of them behind.
                    ballots[i] = ballots[live];
                    ballots[live] = b;
                }

                live++;
                if (acc[k] == 0)
                {
                    seen.Add(k);
                }

                var m = slot >>> 32;
                acc[k] += m == MultiplicityCap ? mult[b] : m;
            }

            return live;
        }

        /// <summary>Whether class <paramref name="a"/> holds less than class <paramref name="b"/>.</summary>
        private bool Less(int a, int b)
        {
            if (upper[a] < lower[b])
            {
                return true;
            }

            if (upper[b] < lower[a] || a == b)
            {
                return false;
            }

            return Value(a) < Value(b);
        }

        /// <summary>The money of the first <paramref name="count"/> groups, as a numerator over D_T.</summary>
        private BigInteger ExactSum(List<(int Class, long Weight, long Count)> groups, int count)
        {
            if (coefficient.Length < rhoScaled.Count)
            {
                coefficient = new long[Math.Max(rhoScaled.Count, coefficient.Length * 2)];
            }

            // Starting money of every voter, minus what each voter paid in each round along the chain.
            long voters = 0;
            for (var i = 0; i < count; i++)
            {
                var n = groups[i].Count;
                voters += n;
                for (var k = groups[i].Class; parent[k] >= 0; k = parent[k])
                {
                    coefficient[paidRound[k]] += n * paidWeight[k];
                }
            }

            var sum = startScaled * voters;
            for (var t = 1; t < rhoScaled.Count; t++)
            {
                if (coefficient[t] != 0)
                {
                    sum -= rhoScaled[t] * coefficient[t];
                    coefficient[t] = 0;
                }
            }

            return sum;
        }

        /// <summary>
        /// Computes ρ for <paramref name="p"/> as <paramref name="paid"/> / (D_T × <paramref name="weight"/>);
        /// false when its supporters cannot afford it.
        /// </summary>
        private bool Evaluate(int p, out BigInteger paid, out long weight)
        {
            if (money is not null)
            {
                return EvaluateByBallot(p, out paid, out weight);
            }

            paid = default;
            weight = 0;
            var groups = Groups(p);
            var cost = e.costs[p];

            // Nothing below adds classes, so spans over the class lists stay valid.
            var lows = CollectionsMarshal.AsSpan(lower);
            var highs = CollectionsMarshal.AsSpan(upper);
            var list = CollectionsMarshal.AsSpan(groups);

            // Affordability, first with the fixed-point bounds, exactly only if they cannot tell.
            Int128 low = 0;
            Int128 high = 0;
            long total = 0;
            foreach (var g in list)
            {
                low += lows[g.Class] * g.Count;
                high += highs[g.Class] * g.Count;
                total += g.Weight * g.Count;
            }

            var need = (Int128)cost << FixedShift;
            if (high < need)
            {
                return false;
            }

            if (low < need && ExactSum(groups, groups.Count) < cost * denominator)
            {
                return false;
            }

            // Supporters in increasing order of money per unit of weight: those who cannot pay the equal share
            // pay all they have, the rest pay ρ per unit of weight. Find the first group that can pay
            // (cost − paid so far) / (weight left) per unit; bounds first, exact arithmetic when they cannot tell.
            Int128 paidLow = 0;
            Int128 paidHigh = 0;
            var cut = -1;
            for (var i = 0; i < list.Length; i++)
            {
                var g = list[i];
                var lo = lows[g.Class];
                var hi = highs[g.Class];
                bool canPay;
                if ((need - paidLow) * g.Weight <= lo * total)
                {
                    canPay = true;
                }
                else if ((need - paidHigh) * g.Weight > hi * total)
                {
                    canPay = false;
                }
                else
                {
                    var before = ExactSum(groups, i);
                    canPay = ((cost * denominator) - before) * g.Weight <= Value(g.Class) * total;
                }

                if (canPay)
                {
                    cut = i;
                    break;
                }

                paidLow += lo * g.Count;
                paidHigh += hi * g.Count;
                total -= g.Weight * g.Count;
            }

            if (cut < 0)
            {
                throw new InvalidOperationException("Equal Shares: an affordable project found no payment; this is a bug.");
            }

            paid = (cost * denominator) - ExactSum(groups, cut);
            weight = total;
            return true;
        }

        /// <summary>Funds <paramref name="p"/> at ρ = <paramref name="paid"/> / (D_T × <paramref name="weight"/>).</summary>
        private void Fund(int p, BigInteger paid, long weight)
        {
            // Move to the next denominator D_(T+1) = D_T × weight, over which ρ's numerator is exactly paid.
            for (var t = 1; t < rhoScaled.Count; t++)
            {
                rhoScaled[t] *= weight;
            }

            startScaled *= weight;
            denominator *= weight;
            rhoScaled.Add(paid);
            var paidIn = Funded;
            if (money is not null)
            {
                FundByBallot(p, paid, paidIn);
                return;
            }

            // Fixed-point bounds of ρ: rhoLow ≤ ρ × 2^32 ≤ rhoHigh, so new classes get bounds without a division each.
            var q = BigInteger.DivRem(paid << FixedShift, denominator, out var remainder);
            var rhoLow = (Int128)q;
            var rhoHigh = remainder.IsZero ? rhoLow : rhoLow + 1;

            var from = e.start[p];
            var to = e.start[p + 1];
            if (e.entryWeight is null)
            {
                // Every supporter of class k moves to one new class: create those (in class order, so the
                // numbering is deterministic), then move the supporters, on two threads for long lists.
                var present = Groups(p, sorted: false).Select(g => g.Class).Order().ToArray();
                to = liveEnd[p];
                if (classMap.Length < parent.Count)
                {
                    classMap = new int[Math.Max(parent.Count, classMap.Length * 2)];
                }

                foreach (var k in present)
                {
                    classMap[k] = NewClass(k, paidIn, 1, lower[k] - rhoHigh, upper[k] - rhoLow);
                }

                if (to - from < e.ParallelThreshold)
                {
                    Move(from, to);
                }
                else
                {
                    var middle = from + ((to - from) / 2);
                    Parallel.Invoke(() => Move(from, middle), () => Move(middle, to));
                }
            }
            else
            {
                pointMap.Clear();
                for (var i = from; i < to; i++)
                {
                    var b = e.entryBallot[i];
                    var k = (int)ballotClass[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    var w = e.entryWeight[i];
                    var key = ((long)k << 32) | (uint)w;
                    if (!pointMap.TryGetValue(key, out var next))
                    {
                        next = NewClass(k, paidIn, w, lower[k] - (rhoHigh * w), upper[k] - (rhoLow * w));
                        pointMap[key] = next;
                    }

                    ballotClass[b] = (ballotClass[b] & HighHalf) | (uint)next;
                }
            }
        }

        /// <summary>The class of a voter of class <paramref name="from"/> after paying ρ × <paramref name="weight"/> in round <paramref name="paidIn"/> (class 0 when nothing is left).</summary>
        private int NewClass(int from, int paidIn, int weight, Int128 low, Int128 high)
        {
            if (high <= 0)
            {
                return 0;
            }

            var k = AddClass(from, paidIn, weight, low, high);
            if (low > 0 && high - low <= 1024)
            {
                return k;
            }

            // The bounds cannot tell whether money is left, or they have drifted: settle them exactly.
            var value = Value(k);
            if (value.Sign <= 0)
            {
                RemoveLastClass();
                return 0;
            }

            var q = BigInteger.DivRem(value << FixedShift, denominator, out var remainder);
            lower[k] = (Int128)q;
            upper[k] = remainder.IsZero ? (Int128)q : (Int128)q + 1;
            return k;
        }

        private void RemoveLastClass()
        {
            var last = parent.Count - 1;
            parent.RemoveAt(last);
            paidRound.RemoveAt(last);
            paidWeight.RemoveAt(last);
            lower.RemoveAt(last);
            upper.RemoveAt(last);
        }

        private bool SupportersOverlap(List<int> projects)
        {
            var owner = new Dictionary<int, int>();
            foreach (var p in projects)
            {
                var end = e.entryWeight is null ? liveEnd[p] : e.start[p + 1];
                for (var i = e.start[p]; i < end; i++)
                {
                    var b = e.entryBallot[i];
                    if (money is not null ? money[2 * b] < 0 : (int)ballotClass[b] == 0)
                    {
                        continue;
                    }

                    if (owner.TryGetValue(b, out var o) && o != p)
                    {
                        return true;
                    }

                    owner[b] = p;
                }
            }

            return false;
        }
    }
}
