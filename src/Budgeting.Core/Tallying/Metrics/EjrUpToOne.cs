using System.Globalization;
using Budgeting.Arithmetic;
using Budgeting.Elections;
using Budgeting.Tallying.Rules;

namespace Budgeting.Tallying.Metrics;

/// <summary>
/// Checks extended justified representation up to one project (EJR-1) for approval ballots, after Peters,
/// Pierczyński and Skowron, "Proportional participatory budgeting with additive utilities" (NeurIPS 2021), in the
/// satisfaction-function form of Brill, Forster, Lackner, Maly and Peters, "Proportionality in approval-based
/// participatory budgeting" (AAAI 2023), with pabutools' <c>is_EJR_one_approval</c> convention.
/// </summary>
/// <remarks>
/// <para><b>What is checked.</b> n voters, budget B, funded set W, satisfaction sat (cardinality: sat(X) = |X|;
/// cost: sat(X) = cost(X)). A group S of voters is <em>T-cohesive</em> for a project set T when every voter of S
/// approves every project of T and |S|·B ≥ cost(T)·n. W satisfies EJR up to one when every T-cohesive group has
/// a voter i with sat(Aᵢ ∩ W) + max_{p ∈ T∖W} sat(p) ≥ sat(T) (the max is 0 when T ⊆ W): adding the best missing
/// project of T would give i at least T's worth.</para>
/// <para><b>How.</b> A violation needs a voter short by more than one project, hence with at least two unfunded
/// approved projects; all other voters are set aside. For a fixed T the best group is every remaining voter who
/// approves T and fails the condition, so T is a violation exactly when that group is large enough. The search
/// enumerates T depth-first over project sets (supporters kept as sorted lists of distinct ballots) and prunes
/// every T whose remaining supporters cannot afford it, |supporters(T)|·B &lt; cost(T)·n: supersets have fewer
/// supporters and a larger cost, so no violation is lost. It deepens one project at a time, so a limit on the
/// work leaves a precise statement ("every T of at most k projects"), and the first witness found is a smallest one.</para>
/// </remarks>
public static class EjrUpToOne
{
    /// <summary>The default limit on search work: steps of list intersection plus sets examined.</summary>
    public const long DefaultWorkLimit = 300_000_000;

    /// <summary>Checks EJR up to one project for <paramref name="outcome"/> under <paramref name="utility"/>.</summary>
    /// <param name="election">The election.</param>
    /// <param name="profile">Its ballots.</param>
    /// <param name="outcome">The funded projects.</param>
    /// <param name="utility">Cardinality or cost satisfaction.</param>
    /// <param name="workLimit">Stop and report a partial check after this much work.</param>
    public static EjrUpToOneResult Check(Election election, Profile profile, Outcome outcome, Utility utility, long workLimit = DefaultWorkLimit)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(outcome);
        var name = utility == Utility.Cost ? "cost" : "cardinality";
        if (election.BallotKind is not (BallotKind.Approval or BallotKind.ChooseOne))
        {
            return new EjrUpToOneResult(utility, null, $"not checked: EJR up to one is checked for approval ballots only, and these are {election.BallotKind} ballots");
        }

        if (election.BallotKind == BallotKind.ChooseOne)
        {
            // Every T in a violation has at least two projects, and a choose-1 voter approves only one.
            return new EjrUpToOneResult(utility, true, $"EJR up to one ({name} satisfaction) holds trivially: with choose-1 ballots no voter approves two projects, and a violation needs a voter missing at least two approved projects");
        }

        var search = new Search(election, profile, outcome, utility == Utility.Cost, workLimit);
        return search.Run(utility, name);
    }

    private sealed class Search
    {
        private readonly Election election;
        private readonly bool cost;
        private readonly long workLimit;
        private readonly long n;
        private readonly long budget;
        private readonly bool[] funded;
        private readonly int[] relevant;
        private readonly int[][] supporters;
        private readonly long[] multiplicity;
        private readonly long[] fundedCount;
        private readonly long[] fundedCost;
        private readonly List<int[]> buffers = [];
        private readonly int[] chosen;
        private long work;
        private long examined;
        private int maxDepth;
        private bool deeper;
        private bool exhausted;
        private (int[] T, long Group)? witness;

        public Search(Election election, Profile profile, Outcome outcome, bool cost, long workLimit)
        {
            this.election = election;
            this.cost = cost;
            this.workLimit = workLimit;
            n = profile.VoterCount;
            budget = election.Budget;
            var m = election.Projects.Count;
            funded = new bool[m];
            foreach (var p in outcome.Selected)
            {
                funded[p] = true;
            }

            // Keep only ballots with at least two unfunded approved projects.
            var keep = new List<int>();
            var counts = new List<long>();
            var costs = new List<long>();
            var weights = new List<long>();
            for (var b = 0; b < profile.BallotCount; b++)
            {
                long unfunded = 0, count = 0, money = 0;
                foreach (var p in profile.Projects(b))
                {
                    if (funded[p])
                    {
                        count++;
                        money += election.Projects[p].Cost;
                    }
                    else
                    {
                        unfunded++;
                    }
                }

                if (unfunded >= 2)
                {
                    keep.Add(b);
                    counts.Add(count);
                    costs.Add(money);
                    weights.Add(profile.Multiplicity(b));
                }
            }

            multiplicity = [.. weights];
            fundedCount = [.. counts];
            fundedCost = [.. costs];
            var lists = new List<int>[m];
            for (var i = 0; i < keep.Count; i++)
            {
                foreach (var p in profile.Projects(keep[i]))
                {
                    (lists[p] ??= []).Add(i);
                }
            }

            supporters = new int[m][];
            var relevantList = new List<int>();
            for (var p = 0; p < m; p++)
            {
                supporters[p] = lists[p]?.ToArray() ?? [];
                if (Affordable(Weight(supporters[p], supporters[p].Length), election.Projects[p].Cost))
                {
                    relevantList.Add(p);
                }
            }

            relevant = [.. relevantList];
            chosen = new int[Math.Max(relevant.Length, 1)];
        }

        public EjrUpToOneResult Run(Utility utility, string name)
        {
            if (n == 0 || budget == 0)
            {
                return new EjrUpToOneResult(utility, true, $"EJR up to one ({name} satisfaction) holds trivially: there are no voters or no budget");
            }

            var complete = 1;
            for (maxDepth = 2; maxDepth <= Math.Max(relevant.Length, 2); maxDepth++)
            {
                deeper = false;
                exhausted = false;
                Extend(0, [], 0, 0, 0, 0, 0);
                if (witness is { } found)
                {
                    var ids = found.T.Select(p => election.Projects[p].Id).ToArray();
                    var setCost = found.T.Sum(p => election.Projects[p].Cost);
                    var required = new Rational(setCost * (System.Numerics.BigInteger)n, budget);
                    var shortBy = cost
                        ? "for each of them the cost of their funded approved projects plus the dearest unfunded project of T is below cost(T)"
                        : $"each of them has at most {found.T.Length - 2} funded approved projects";
                    return new EjrUpToOneResult(
                        utility, false,
                        Invariant($"EJR up to one ({name} satisfaction) is violated: {found.Group} voters approve all of T = {{{string.Join(", ", ids)}}} (cost {setCost}), at least the n·cost(T)/B = {required} (≈{required.ToDouble():0.##}) that entitles them to T, and {shortBy}; all project sets of at most {found.T.Length} projects were checked first"),
                        found.T.Length - 1, ids, found.Group, required, examined);
                }

                if (exhausted)
                {
                    return new EjrUpToOneResult(
                        utility, null,
                        Invariant($"EJR up to one ({name} satisfaction) checked exactly for every project set T of at most {complete} projects and every group of voters approving T; larger sets not checked: the search limit of {workLimit} steps was reached ({examined} sets examined)"),
                        complete, SetsExamined: examined);
                }

                complete = maxDepth;
                if (!deeper)
                {
                    return new EjrUpToOneResult(
                        utility, true,
                        Invariant($"EJR up to one ({name} satisfaction) holds: checked exactly for every project set T and every group of voters who all approve T and number at least n·cost(T)/B ({examined} candidate sets examined)"),
                        SetsExamined: examined);
                }
            }

            return new EjrUpToOneResult(
                utility, true,
                Invariant($"EJR up to one ({name} satisfaction) holds: checked exactly for every project set T ({examined} candidate sets examined)"),
                SetsExamined: examined);
        }

        /// <summary>Depth-first over sets T = chosen[0..depth) whose supporters are <paramref name="tid"/> (null: everyone).</summary>
        private void Extend(int depth, ReadOnlySpan<int> tid, int tidLength, long setCost, long dearestMissing, int missing, int from)
        {
            for (var j = from; j < relevant.Length; j++)
            {
                if (witness is not null || exhausted)
                {
                    return;
                }

                var q = relevant[j];
                var qCost = election.Projects[q].Cost;
                var newCost = setCost + qCost;
                int[] next;
                int length;
                if (depth == 0)
                {
                    next = supporters[q];
                    length = next.Length;
                }
                else
                {
                    next = Buffer(depth, tidLength);
                    length = Intersect(tid[..tidLength], supporters[q], next);
                }

                examined++;
                work++;
                if (work > workLimit)
                {
                    exhausted = true;
                    return;
                }

                var support = Weight(next, length);
                if (!Affordable(support, newCost))
                {
                    continue;
                }

                chosen[depth] = q;
                var newMissing = missing + (funded[q] ? 0 : 1);
                var newDearest = funded[q] ? dearestMissing : Math.Max(dearestMissing, qCost);
                var size = depth + 1;
                if (size == maxDepth)
                {
                    if (newMissing >= 2)
                    {
                        var group = Group(next, length, size, newCost, newDearest);
                        if (Affordable(group, newCost))
                        {
                            witness = (chosen[..size], group);
                            return;
                        }
                    }

                    if (j + 1 < relevant.Length)
                    {
                        deeper = true;
                    }

                    continue;
                }

                Extend(size, next, length, newCost, newDearest, newMissing, j + 1);
            }
        }

        /// <summary>The voters among the supporters of T who are short by more than one project of T.</summary>
        private long Group(int[] tid, int length, int size, long setCost, long dearestMissing)
        {
            long group = 0;
            for (var i = 0; i < length; i++)
            {
                var b = tid[i];
                var fails = cost
                    ? fundedCost[b] + dearestMissing < setCost
                    : fundedCount[b] + 1 < size;
                if (fails)
                {
                    group += multiplicity[b];
                }
            }

            work += length;
            return group;
        }

        private bool Affordable(long group, long setCost) =>
            (System.Numerics.BigInteger)group * budget >= (System.Numerics.BigInteger)setCost * n;

        private long Weight(int[] tid, int length)
        {
            long total = 0;
            for (var i = 0; i < length; i++)
            {
                total += multiplicity[tid[i]];
            }

            work += length;
            return total;
        }

        private int Intersect(ReadOnlySpan<int> a, int[] b, int[] into)
        {
            var k = 0;
            ReadOnlySpan<int> shorter = a.Length <= b.Length ? a : b;
            ReadOnlySpan<int> longer = a.Length <= b.Length ? b : a;
            if ((long)shorter.Length * 16 < longer.Length)
            {
                // A short list against a long one: binary search, each from where the last one ended.
                var low = 0;
                foreach (var x in shorter)
                {
                    var at = longer[low..].BinarySearch(x);
                    work += 1 + BitLength(longer.Length - low);
                    if (at >= 0)
                    {
                        into[k++] = x;
                        low += at + 1;
                    }
                    else
                    {
                        low += ~at;
                    }

                    if (low >= longer.Length)
                    {
                        break;
                    }
                }

                return k;
            }

            int i = 0, j = 0;
            while (i < a.Length && j < b.Length)
            {
                var c = a[i].CompareTo(b[j]);
                if (c == 0)
                {
                    into[k++] = a[i];
                    i++;
                    j++;
                }
                else if (c < 0)
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            work += i + j;
            return k;
        }

        private static int BitLength(int value) => 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)value);

        private int[] Buffer(int depth, int size)
        {
            while (buffers.Count <= depth)
            {
                buffers.Add([]);
            }

            if (buffers[depth].Length < size)
            {
                buffers[depth] = new int[Math.Max(size, buffers[depth].Length * 2)];
            }

            return buffers[depth];
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
