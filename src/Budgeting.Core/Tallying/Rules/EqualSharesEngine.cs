using System.Numerics;
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
/// distinct ballots. A ballot's remaining money is not stored as a number but as an index into a
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
internal sealed class EqualSharesEngine
{
    private const int FixedShift = 32;

    private readonly int projectCount;
    private readonly long[] costs;
    private readonly int[] start;
    private readonly int[] entryBallot;
    private readonly int[]? entryWeight;
    private readonly long[] multiplicity;
    private readonly int ballotCount;
    private readonly bool costUtility;
    private readonly int[] rank;

    /// <summary>Builds the index.</summary>
    /// <param name="election">The election (costs).</param>
    /// <param name="profile">The ballots.</param>
    /// <param name="withPoints">Use the ballots' points as weights (cumulative, scoring); otherwise every supporter has weight 1.</param>
    /// <param name="utility">Cost or cardinality utilities.</param>
    /// <param name="rank">The tie-break rank of every project (0 wins).</param>
    public EqualSharesEngine(Election election, Profile profile, bool withPoints, Utility utility, int[] rank)
    {
        projectCount = election.Projects.Count;
        costs = new long[projectCount];
        for (var p = 0; p < projectCount; p++)
        {
            costs[p] = election.Projects[p].Cost;
        }

        costUtility = utility == Utility.Cost;
        this.rank = rank;
        ballotCount = profile.BallotCount;
        multiplicity = new long[ballotCount];
        start = new int[projectCount + 1];
        withPoints &= profile.HasPoints;
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
        var state = new RunState(this, perVoter);
        return state.Execute(recordTies, explain, forcedRound, forcedProject);
    }

    /// <summary>One run's mutable state: each ballot's budget class and the table of class values.</summary>
    private sealed class RunState
    {
        private readonly EqualSharesEngine e;
        private readonly int[] ballotClass;
        private readonly List<Rational> value = [];
        private readonly List<Int128> lower = [];
        private readonly List<bool> exact = [];
        private long[] accumulated;
        private int[] classMap;
        private int[] classMapStamp;
        private int stamp;
        private readonly List<int> touched = [];
        private readonly Dictionary<long, long> pointGroups = [];
        private readonly Dictionary<long, int> pointMap = [];

        public RunState(EqualSharesEngine engine, Rational perVoter)
        {
            e = engine;
            ballotClass = new int[e.ballotCount];
            AddClass(Rational.Zero);
            if (perVoter.Sign > 0)
            {
                AddClass(perVoter);
                Array.Fill(ballotClass, 1);
            }

            accumulated = new long[16];
            classMap = new int[16];
            classMapStamp = new int[16];
        }

        public EqualSharesRun Execute(bool recordTies, bool explain, int forcedRound, int forcedProject)
        {
            var selected = new List<int>();
            var payments = new List<Rational>();
            var ties = new List<EqualSharesTie>();
            var dead = new bool[e.projectCount];
            var freshRound = new int[e.projectCount];
            var freshRho = new Rational[e.projectCount];
            var queue = new PriorityQueue<int, Rational>(e.projectCount);
            var round = 1;
            for (var p = 0; p < e.projectCount; p++)
            {
                if (!e.HasSupporters(p) || !Evaluate(p, out var rho))
                {
                    dead[p] = true;
                    continue;
                }

                freshRound[p] = round;
                freshRho[p] = rho;
                queue.Enqueue(p, Key(p, rho));
            }

            var tied = new List<int>();
            while (true)
            {
                // Refresh the top until it is fresh: then its value is the best of all.
                var found = false;
                Rational best = default;
                while (queue.TryPeek(out var top, out var bound))
                {
                    if (freshRound[top] == round)
                    {
                        best = bound;
                        found = true;
                        break;
                    }

                    queue.Dequeue();
                    Refresh(top, round, dead, freshRound, freshRho, queue);
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
                        Refresh(next, round, dead, freshRound, freshRho, queue);
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

                var payment = freshRho[chosen];
                Fund(chosen, payment);
                dead[chosen] = true;
                selected.Add(chosen);
                payments.Add(payment);
                round++;
            }

            Rational[]? moneyBehind = null;
            if (explain)
            {
                moneyBehind = new Rational[e.projectCount];
                for (var p = 0; p < e.projectCount; p++)
                {
                    moneyBehind[p] = MoneyBehind(p);
                }
            }

            return new EqualSharesRun(selected, payments, ties, moneyBehind);
        }

        private Rational Key(int p, Rational rho) => e.costUtility ? rho / e.costs[p] : rho;

        private void Refresh(int p, int round, bool[] dead, int[] freshRound, Rational[] freshRho, PriorityQueue<int, Rational> queue)
        {
            if (!Evaluate(p, out var rho))
            {
                dead[p] = true;
                return;
            }

            freshRound[p] = round;
            freshRho[p] = rho;
            queue.Enqueue(p, Key(p, rho));
        }

        private int AddClass(Rational v)
        {
            value.Add(v);
            var scaled = v.Numerator << FixedShift;
            var q = BigInteger.DivRem(scaled, v.Denominator, out var remainder);
            lower.Add((Int128)q);
            exact.Add(remainder.IsZero);
            return value.Count - 1;
        }

        /// <summary>Groups the supporters of <paramref name="p"/> with money left as (class, weight, voters), sorted by money per unit of weight.</summary>
        private List<(int Class, long Weight, long Count)> Groups(int p)
        {
            var groups = new List<(int Class, long Weight, long Count)>();
            var from = e.start[p];
            var to = e.start[p + 1];
            if (e.entryWeight is null)
            {
                if (accumulated.Length < value.Count)
                {
                    accumulated = new long[Math.Max(value.Count, accumulated.Length * 2)];
                }

                touched.Clear();
                var acc = accumulated;
                var cls = ballotClass;
                var mult = e.multiplicity;
                var ballots = e.entryBallot;
                for (var i = from; i < to; i++)
                {
                    var b = ballots[i];
                    var k = cls[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    if (acc[k] == 0)
                    {
                        touched.Add(k);
                    }

                    acc[k] += mult[b];
                }

                foreach (var k in touched)
                {
                    groups.Add((k, 1, acc[k]));
                    acc[k] = 0;
                }

                groups.Sort((x, y) => CompareClasses(x.Class, y.Class));
            }
            else
            {
                pointGroups.Clear();
                for (var i = from; i < to; i++)
                {
                    var b = e.entryBallot[i];
                    var k = ballotClass[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    var key = ((long)k << 32) | (uint)e.entryWeight[i];
                    pointGroups[key] = pointGroups.GetValueOrDefault(key) + e.multiplicity[b];
                }

                foreach (var (key, count) in pointGroups)
                {
                    groups.Add(((int)(key >> 32), (int)(key & 0xFFFFFFFF), count));
                }

                // By money per point, ascending; exact comparison v1 / w1 versus v2 / w2.
                groups.Sort((x, y) =>
                {
                    var c = (value[x.Class] * y.Weight).CompareTo(value[y.Class] * x.Weight);
                    return c != 0 ? c : x.Class != y.Class ? x.Class.CompareTo(y.Class) : x.Weight.CompareTo(y.Weight);
                });
            }

            return groups;
        }

        private int CompareClasses(int a, int b)
        {
            var c = lower[a].CompareTo(lower[b]);
            if (c != 0)
            {
                return c;
            }

            return a == b ? 0 : value[a].CompareTo(value[b]);
        }

        /// <summary>Computes ρ for <paramref name="p"/>; false when its supporters cannot afford it.</summary>
        private bool Evaluate(int p, out Rational rho)
        {
            rho = default;
            var groups = Groups(p);
            var cost = e.costs[p];

            // Affordability, first with exact fixed-point bounds, then exactly if the bounds cannot tell.
            Int128 low = 0;
            Int128 high = 0;
            foreach (var g in groups)
            {
                var l = lower[g.Class] * g.Count;
                low += l;
                high += exact[g.Class] ? l : l + g.Count;
            }

            var need = (Int128)cost << FixedShift;
            if (high < need)
            {
                return false;
            }

            if (low < need)
            {
                var money = Rational.Zero;
                foreach (var g in groups)
                {
                    money += value[g.Class] * g.Count;
                }

                if (money < cost)
                {
                    return false;
                }
            }

            // Supporters in increasing order of money per unit of weight: those who cannot pay the equal
            // share pay everything they have; the rest pay ρ per unit of weight.
            var paid = Rational.Zero;
            long weight = 0;
            foreach (var g in groups)
            {
                weight += g.Weight * g.Count;
            }

            foreach (var g in groups)
            {
                var candidate = (cost - paid) / weight;
                if (candidate * g.Weight <= value[g.Class])
                {
                    rho = candidate;
                    return true;
                }

                paid += value[g.Class] * g.Count;
                weight -= g.Weight * g.Count;
            }

            throw new InvalidOperationException("Equal Shares: an affordable project found no payment; this is a bug.");
        }

        private void Fund(int p, Rational rho)
        {
            var from = e.start[p];
            var to = e.start[p + 1];
            if (e.entryWeight is null)
            {
                stamp++;
                for (var i = from; i < to; i++)
                {
                    var b = e.entryBallot[i];
                    var k = ballotClass[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    if (k >= classMap.Length)
                    {
                        var size = Math.Max(value.Count, classMap.Length * 2);
                        Array.Resize(ref classMap, size);
                        Array.Resize(ref classMapStamp, size);
                    }

                    if (classMapStamp[k] != stamp)
                    {
                        classMapStamp[k] = stamp;
                        classMap[k] = NewClass(value[k] - rho);
                    }

                    ballotClass[b] = classMap[k];
                }
            }
            else
            {
                pointMap.Clear();
                for (var i = from; i < to; i++)
                {
                    var b = e.entryBallot[i];
                    var k = ballotClass[b];
                    if (k == 0)
                    {
                        continue;
                    }

                    var w = e.entryWeight[i];
                    var key = ((long)k << 32) | (uint)w;
                    if (!pointMap.TryGetValue(key, out var next))
                    {
                        next = NewClass(value[k] - (rho * w));
                        pointMap[key] = next;
                    }

                    ballotClass[b] = next;
                }
            }
        }

        private int NewClass(Rational left) => left.Sign <= 0 ? 0 : AddClass(left);

        private Rational MoneyBehind(int p)
        {
            var money = Rational.Zero;
            foreach (var g in Groups(p))
            {
                money += value[g.Class] * g.Count;
            }

            return money;
        }

        private bool SupportersOverlap(List<int> projects)
        {
            var owner = new Dictionary<int, int>();
            foreach (var p in projects)
            {
                for (var i = e.start[p]; i < e.start[p + 1]; i++)
                {
                    var b = e.entryBallot[i];
                    if (ballotClass[b] == 0)
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
