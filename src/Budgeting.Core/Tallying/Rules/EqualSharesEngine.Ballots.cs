using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Budgeting.Elections;

namespace Budgeting.Tallying.Rules;

/// <summary>
/// The approval-ballot path of <see cref="EqualSharesEngine"/>: money per ballot in fixed point, ρ located in
/// floating point, then settled exactly.
/// </summary>
/// <remarks>
/// <para>With approval ballots a voter who still has money paid the full ρ_t of every funded project on their ballot
/// (a voter who pays less than ρ_t pays all they have and is left with nothing). So a live ballot's exact money is
/// the starting money minus the ρ_t of the funded projects it lists, and the engine needs no budget classes: each
/// distinct ballot keeps a fixed-point lower bound L of its money × 2^s (s chosen so the starting money is below
/// 2^62), with money × 2^s ≤ L + slack, where slack = 1 + the rounds funded so far (every payment subtracts the
/// upper bound of ρ × 2^s, which is at most one unit above it). A negative L means no money left.</para>
/// <para>Evaluating a project: (1) one pass over its live supporters gathers (ballot, L, voters); (2) the payment
/// per supporter is located in double precision by the water-filling iteration ρ ← (cost − money of those below
/// ρ) / (voters not below ρ), which rises monotonically to the answer; (3) a window around that estimate splits the
/// supporters into those surely below it, those surely above it and the few whose bound straddles it; (4) the
/// straddling ones get their exact money (a rational, from their ballot), are sorted exactly and the exact ρ is
/// computed from the surely-below set plus a prefix of them. The result is accepted only if ρ × 2^s lies inside the
/// window, which proves that every "surely" classification was right; otherwise every supporter is treated as
/// straddling (a full exact sort). The floating-point estimate therefore decides nothing: it only picks the
/// window.</para>
/// </remarks>
internal sealed partial class EqualSharesEngine
{
    /// <summary>The window's half-width relative to the estimate of ρ (on top of the bounds' slack).</summary>
    private const double WindowRelative = 1.0 / (1 << 28);

    /// <summary>Water-filling passes before the rest of the supporters is sorted instead.</summary>
    private const int MaxApproximationPasses = 24;

    private int[] scratchBallot = [];
    private long[] scratchMoney = [];
    private long[] scratchCount = [];
    private double[] scratchApprox = [];
    private double[] scratchApproxCount = [];

    /// <summary>Test hook: multiplies the floating-point estimate of ρ, so a test can make it wrong and watch the exact step repair it.</summary>
    internal double ApproximationSkew { get; set; } = 1.0;

    /// <summary>How many evaluations the window settled (approval path), since the engine was built.</summary>
    internal int WindowSolves { get; private set; }

    /// <summary>How many evaluations fell back to the full exact sort (approval path), since the engine was built.</summary>
    internal int FullSolves { get; private set; }

    /// <summary>How many supporters needed their exact money because their bound straddled the window, since the engine was built.</summary>
    internal long StraddlingSupporters { get; private set; }

    private void EnsureScratch(int length)
    {
        if (scratchBallot.Length >= length)
        {
            return;
        }

        var size = Math.Max(length, Math.Min(scratchBallot.Length * 2, start[projectCount]));
        scratchBallot = new int[size];
        scratchMoney = new long[size];
        scratchCount = new long[size];
        scratchApprox = new double[size];
        scratchApproxCount = new double[size];
    }

    private sealed partial class RunState
    {
        /// <summary>
        /// Per distinct ballot b (approval path), at 2b a lower bound of its money × 2^<see cref="moneyShift"/> (negative
        /// when it has none left) and at 2b + 1 its voters, side by side so a scan reads both from one cache line.
        /// Null on the class path.
        /// </summary>
        private readonly long[]? money;

        /// <summary>The fixed-point scale s of <see cref="money"/>; 0 when the approval path is not used.</summary>
        private readonly int moneyShift;

        /// <summary>Per project, the round in which it was funded in this run, 0 if not (yet).</summary>
        private readonly int[] fundedRound;

        private readonly List<int> exactBallots = [];
        private readonly List<int> straddling = [];
        private readonly List<int> straddling2 = [];
        private long[] roundCount = new long[16];

        /// <summary>The scale s with the starting money × 2^s below 2^62, or 0 when the starting money is too large for the approval path.</summary>
        private static int MoneyShift(Budgeting.Arithmetic.Rational perVoter)
        {
            if (perVoter.Sign <= 0)
            {
                return 1;
            }

            var ceiling = (perVoter.Numerator / perVoter.Denominator) + 1;
            var bits = (int)ceiling.GetBitLength();
            return bits > 56 ? 0 : 62 - bits;
        }

        /// <summary>The exact money of ballot <paramref name="b"/> (with money left), as a numerator over D_T.</summary>
        private BigInteger BallotValue(int b)
        {
            var offsets = e.profile.OffsetArray;
            var entries = e.profile.EntryArray;
            var value = startScaled;
            for (var k = offsets[b]; k < offsets[b + 1]; k++)
            {
                var t = fundedRound[entries[k]];
                if (t > 0)
                {
                    value -= rhoScaled[t];
                }
            }

            return value;
        }

        /// <summary>The exact money of all voters of the given ballots (each with money left), as a numerator over D_T.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private BigInteger BallotSum(ReadOnlySpan<int> ballots)
        {
            if (roundCount.Length < rhoScaled.Count)
            {
                roundCount = new long[Math.Max(rhoScaled.Count, roundCount.Length * 2)];
            }

            var offsets = e.profile.OffsetArray;
            var entries = e.profile.EntryArray;
            long voters = 0;
            var cash = money!;
            foreach (var b in ballots)
            {
                var m = cash[(2 * b) + 1];
                voters += m;
                for (var k = offsets[b]; k < offsets[b + 1]; k++)
                {
                    roundCount[fundedRound[entries[k]]] += m;
                }
            }

            var sum = startScaled * voters;
            for (var t = 1; t < rhoScaled.Count; t++)
            {
                if (roundCount[t] != 0)
                {
                    sum -= rhoScaled[t] * roundCount[t];
                    roundCount[t] = 0;
                }
            }

            roundCount[0] = 0;
            return sum;
        }

        /// <summary>
        /// Copies the live supporters of <paramref name="p"/> into the engine's scratch arrays (ballot, money bound,
        /// voters), swapping the entries of ballots with no money behind the live ones; returns how many, with their
        /// voters and the sum of their money bounds. Long lists are gathered on two threads (the halves keep their
        /// order, and nothing computed from the list depends on its order except floating-point estimates).
        /// </summary>
        private int GatherMoney(int p, out long voters, out Int128 low)
        {
            var from = e.start[p];
            var to = liveEnd[p];
            e.EnsureScratch(to - from);
            if (to - from < e.ParallelThreshold)
            {
                var n = GatherRange(from, to, 0, out voters, out low, out var end);
                liveEnd[p] = end;
                return n;
            }

            var middle = from + ((to - from) / 2);
            int n1 = 0, n2 = 0, end1 = 0, end2 = 0;
            long voters1 = 0, voters2 = 0;
            Int128 low1 = 0, low2 = 0;
            Parallel.Invoke(
                () => n1 = GatherRange(from, middle, 0, out voters1, out low1, out end1),
                () => n2 = GatherRange(middle, to, middle - from, out voters2, out low2, out end2));

            // Live entries are [from, end1) and [middle, end2): bring the second block down behind the first, in the
            // entries and in the scratch arrays.
            var ballots = e.entryBallot;
            for (var j = 0; j < end2 - middle; j++)
            {
                (ballots[end1 + j], ballots[middle + j]) = (ballots[middle + j], ballots[end1 + j]);
            }

            liveEnd[p] = end1 + (end2 - middle);
            var offset = middle - from;
            if (offset != n1)
            {
                Array.Copy(e.scratchBallot, offset, e.scratchBallot, n1, n2);
                Array.Copy(e.scratchMoney, offset, e.scratchMoney, n1, n2);
                Array.Copy(e.scratchCount, offset, e.scratchCount, n1, n2);
            }

            voters = voters1 + voters2;
            low = low1 + low2;
            return n1 + n2;
        }

        /// <summary>Gathers the live supporters in entries [from, to) into the scratch arrays from position <paramref name="at"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int GatherRange(int from, int to, int at, out long voters, out Int128 low, out int liveEnd)
        {
            var ballots = e.entryBallot;
            var cash = money!;
            var gb = e.scratchBallot;
            var gm = e.scratchMoney;
            var gc = e.scratchCount;
            var live = from;
            var n = at;
            long count = 0;
            Int128 sum = 0;
            for (var i = from; i < to; i++)
            {
                var b = ballots[i];
                var v = cash[2 * b];
                if (v < 0)
                {
                    continue;
                }

                if (live != i)
                {
                    ballots[i] = ballots[live];
                    ballots[live] = b;
                }

                live++;
                var m = cash[(2 * b) + 1];
                gb[n] = b;
                gm[n] = v;
                gc[n] = m;
                count += m;
                sum += m == 1 ? v : (Int128)v * m;
                n++;
            }

            voters = count;
            low = sum;
            liveEnd = live;
            return n - at;
        }

        /// <summary>The approval path's <see cref="Evaluate"/>.</summary>
        private bool EvaluateByBallot(int p, out BigInteger paid, out long weight)
        {
            paid = default;
            weight = 0;
            var n = GatherMoney(p, out var voters, out var low);
            var cost = e.costs[p];
            var slack = (long)Funded + 1;

            // Affordability, first with the bounds, exactly only if they cannot tell.
            var need = (Int128)cost << moneyShift;
            if (low + ((Int128)slack * voters) < need)
            {
                return false;
            }

            if (low < need && BallotSum(e.scratchBallot.AsSpan(0, n)) < cost * denominator)
            {
                return false;
            }

            var rho = ApproximateRho(n, cost, voters) * e.ApproximationSkew;
            var delta = (rho * WindowRelative) + (2 * slack) + 4;
            var lowWindow = ToFixed(Math.Floor(rho - delta));
            var highWindow = ToFixed(Math.Ceiling(rho + delta));
            if (SolveExactly(n, cost, voters, slack, lowWindow, highWindow, out paid, out weight))
            {
                e.WindowSolves++;
                return true;
            }

            e.FullSolves++;
            if (!SolveExactly(n, cost, voters, slack, long.MinValue, long.MaxValue, out paid, out weight))
            {
                throw new InvalidOperationException("Equal Shares: an affordable project found no payment; this is a bug.");
            }

            return true;
        }

        /// <summary>A fixed-point window end from a double: clamped to [0, 2^62] (NaN gives 0, an empty window).</summary>
        private static long ToFixed(double x) => x >= 4611686018427387904.0 ? 1L << 62 : x > 0 ? (long)x : 0;

        /// <summary>
        /// An estimate of ρ × 2^s in double precision: the water-filling iteration over the gathered supporters, each
        /// pass moving those below the current estimate to the paying-all side; after
        /// <see cref="MaxApproximationPasses"/> passes the rest is sorted. Only the exact step decides anything.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double ApproximateRho(int n, long cost, long voters)
        {
            var gm = e.scratchMoney;
            var gc = e.scratchCount;
            var av = e.scratchApprox;
            var ac = e.scratchApproxCount;
            var target = Math.ScaleB(cost, moneyShift);
            double total = voters;
            var rho = target / total;
            double poorMoney = 0;
            double poorVoters = 0;

            // First pass from the gathered longs into the double arrays, keeping those not below the estimate.
            var live = 0;
            for (var i = 0; i < n; i++)
            {
                double v = gm[i];
                if (v < rho)
                {
                    poorMoney += v * gc[i];
                    poorVoters += gc[i];
                }
                else
                {
                    av[live] = v;
                    ac[live] = gc[i];
                    live++;
                }
            }

            for (var pass = 0; live < n || pass == 0; pass++)
            {
                if (live == 0 || poorVoters >= total)
                {
                    return rho;
                }

                rho = (target - poorMoney) / (total - poorVoters);
                if (pass == MaxApproximationPasses)
                {
                    // Slow convergence: sort what is left and fill once.
                    Array.Sort(av, ac, 0, live);
                    for (var i = 0; i < live; i++)
                    {
                        rho = (target - poorMoney) / (total - poorVoters);
                        if (av[i] >= rho)
                        {
                            return rho;
                        }

                        poorMoney += av[i] * ac[i];
                        poorVoters += ac[i];
                    }

                    return rho;
                }

                var kept = 0;
                for (var i = 0; i < live; i++)
                {
                    var v = av[i];
                    if (v < rho)
                    {
                        poorMoney += v * ac[i];
                        poorVoters += ac[i];
                    }
                    else
                    {
                        av[kept] = v;
                        ac[kept] = ac[i];
                        kept++;
                    }
                }

                if (kept == live)
                {
                    return rho;
                }

                live = kept;
            }

            return rho;
        }

        /// <summary>
        /// The exact ρ = <paramref name="paid"/> / (D_T × <paramref name="weight"/>) of the gathered supporters,
        /// trusting the bounds outside [<paramref name="lowWindow"/>, <paramref name="highWindow"/>] (fixed point);
        /// false if ρ × 2^s does not land inside the window (the trust was not earned). With the window
        /// [long.MinValue, long.MaxValue] every supporter is sorted exactly and the result is always accepted.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool SolveExactly(int n, long cost, long voters, long slack, long lowWindow, long highWindow, out BigInteger paid, out long weight)
        {
            paid = default;
            weight = 0;
            var full = lowWindow == long.MinValue;
            var gb = e.scratchBallot;
            var gm = e.scratchMoney;
            var gc = e.scratchCount;
            exactBallots.Clear();
            straddling.Clear();
            long poorVoters = 0;
            for (var i = 0; i < n; i++)
            {
                var v = gm[i];
                if (full)
                {
                    straddling.Add(i);
                }
                else if (v + slack < lowWindow)
                {
                    // Surely below the window: pays all it has.
                    exactBallots.Add(gb[i]);
                    poorVoters += gc[i];
                }
                else if (v <= highWindow)
                {
                    straddling.Add(i);
                }
            }

            e.StraddlingSupporters += straddling.Count;
            var rest = (cost * denominator) - BallotSum(CollectionsMarshal.AsSpan(exactBallots));
            var left = voters - poorVoters;

            // The straddling supporters in increasing order of exact money (ties by ballot, so the order is fixed).
            var exact = new (BigInteger Value, long Count, int Ballot)[straddling.Count];
            for (var j = 0; j < exact.Length; j++)
            {
                var i = straddling[j];
                exact[j] = (BallotValue(gb[i]), gc[i], gb[i]);
            }

            Array.Sort(exact, static (x, y) =>
            {
                var c = x.Value.CompareTo(y.Value);
                return c != 0 ? c : x.Ballot.CompareTo(y.Ballot);
            });

            foreach (var (value, count, _) in exact)
            {
                if (left <= 0)
                {
                    return false;
                }

                if (value * left >= rest)
                {
                    break;
                }

                rest -= value * count;
                left -= count;
            }

            if (left <= 0)
            {
                return false;
            }

            if (!full)
            {
                // Surely-below supporters hold at most lowWindow, surely-above ones more than highWindow (× 2^-s):
                // ρ × 2^s in [lowWindow, highWindow] makes both classifications true.
                var q = BigInteger.DivRem(rest << moneyShift, denominator * left, out var remainder);
                if (q < lowWindow || (remainder.IsZero ? q : q + 1) > highWindow)
                {
                    return false;
                }
            }

            paid = rest;
            weight = left;
            return true;
        }

        /// <summary>The approval path's <see cref="Fund"/>: D_T and ρ's numerator are already updated.</summary>
        private void FundByBallot(int p, BigInteger paid, int paidIn)
        {
            var q = BigInteger.DivRem(paid << moneyShift, denominator, out var remainder);
            var rhoLow = (long)q;
            var rhoHigh = remainder.IsZero ? rhoLow : rhoLow + 1;
            var slack = (long)paidIn;
            var from = e.start[p];
            var to = liveEnd[p];
            straddling.Clear();
            if (to - from < e.ParallelThreshold)
            {
                PayRange(from, to, rhoLow, rhoHigh, slack, straddling);
            }
            else
            {
                var middle = from + ((to - from) / 2);
                straddling2.Clear();
                Parallel.Invoke(
                    () => PayRange(from, middle, rhoLow, rhoHigh, slack, straddling),
                    () => PayRange(middle, to, rhoLow, rhoHigh, slack, straddling2));
                straddling.AddRange(straddling2);
            }

            // The bounds cannot tell whether money is left: exactly (p is not yet marked funded, so this is the money before paying).
            var cash = money!;
            foreach (var b in straddling)
            {
                var value = BallotValue(b);
                cash[2 * b] = value > paid ? (long)(((value - paid) << moneyShift) / denominator) : -1;
            }

            fundedRound[p] = paidIn;
        }

        /// <summary>Makes the live supporters in entries [from, to) pay ρ (bounds [rhoLow, rhoHigh]); those the bounds cannot settle go to <paramref name="unsure"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void PayRange(int from, int to, long rhoLow, long rhoHigh, long slack, List<int> unsure)
        {
            var cash = money!;
            var ballots = e.entryBallot;
            for (var i = from; i < to; i++)
            {
                var b = ballots[i];
                var v = cash[2 * b];
                if (v < 0)
                {
                    continue;
                }

                if (v > rhoHigh)
                {
                    cash[2 * b] = v - rhoHigh;
                }
                else if (v + slack <= rhoLow)
                {
                    cash[2 * b] = -1;
                }
                else
                {
                    unsure.Add(b);
                }
            }
        }

        /// <summary>The approval path's <see cref="MoneyBehind"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string[] MoneyBehindByBallot()
        {
            var cash = money!;
            var low = new Int128[e.projectCount];
            var high = new Int128[e.projectCount];
            var slack = (long)Funded + 1;
            var offsets = e.profile.OffsetArray;
            var entries = e.profile.EntryArray;
            for (var b = 0; b < e.ballotCount; b++)
            {
                var v = cash[2 * b];
                if (v < 0)
                {
                    continue;
                }

                var m = cash[(2 * b) + 1];
                var lo = (Int128)v * m;
                var hi = (Int128)(v + slack) * m;
                for (var k = offsets[b]; k < offsets[b + 1]; k++)
                {
                    low[entries[k]] += lo;
                    high[entries[k]] += hi;
                }
            }

            var text = new string[e.projectCount];
            var one = (Int128)1 << moneyShift;
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
                    exactBallots.Clear();
                    for (var i = e.start[p]; i < e.start[p + 1]; i++)
                    {
                        if (cash[2 * e.entryBallot[i]] >= 0)
                        {
                            exactBallots.Add(e.entryBallot[i]);
                        }
                    }

                    var sum = BallotSum(CollectionsMarshal.AsSpan(exactBallots));
                    text[p] = EqualSharesText.Show(new Budgeting.Arithmetic.Rational(sum, denominator));
                }
            }

            return text;
        }
    }
}
