using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Cli.Tests;

/// <summary>
/// A small pool for the lottery commands, with a brute-force selector standing in for the selection algorithms: it
/// enumerates every 3-person panel and gives each valid one (quotas and households, checked by hand below) equal
/// probability.
/// </summary>
internal static class LotteryFixture
{
    // Eight people; p1 and p5 share address A (one household).
    public const string People = """
        id,name,gender,age,address
        p1,Ann,female,young,A
        p2,Bob,male,young,B
        p3,Cat,female,old,C
        p4,Dan,male,old,D
        p5,Eve,female,young,A
        p6,Fay,female,old,F
        p7,Gus,male,young,G
        p8,Hal,male,old,H

        """;

    // Panel of 3: one or two of each gender and of each age.
    public const string Categories = """
        feature,value,min,max
        gender,female,1,2
        gender,male,1,2
        age,young,1,2
        age,old,1,2

        """;

    public const string Population = """
        feature,value,share
        gender,female,51
        gender,male,49
        age,young,40
        age,old,60

        """;

    /// <summary>Each id's gender, age and address, as in <see cref="People"/>, for independent checks of panels.</summary>
    public static readonly Dictionary<string, (string Gender, string Age, string Address)> Attributes = new()
    {
        ["p1"] = ("female", "young", "A"), ["p2"] = ("male", "young", "B"), ["p3"] = ("female", "old", "C"),
        ["p4"] = ("male", "old", "D"), ["p5"] = ("female", "young", "A"), ["p6"] = ("female", "old", "F"),
        ["p7"] = ("male", "young", "G"), ["p8"] = ("male", "old", "H"),
    };

    /// <summary>Uniform over every valid 3-person panel (or infeasible when none).</summary>
    public static SelectionResult Selector(Pool pool, int size, string algorithm)
    {
        var panels = new List<int[]>();
        void Extend(List<int> chosen, int next)
        {
            if (chosen.Count == size)
            {
                if (PanelCheck.Violations(pool, chosen, size).Count == 0)
                {
                    panels.Add([.. chosen]);
                }

                return;
            }

            for (var i = next; i < pool.People.Count; i++)
            {
                chosen.Add(i);
                Extend(chosen, i + 1);
                chosen.RemoveAt(chosen.Count - 1);
            }
        }

        Extend([], 0);
        if (panels.Count == 0)
        {
            return new SelectionResult(null, "test selector: no valid panel (quota gender=female min 3 conflicts with the panel size)");
        }

        var probability = 1.0 / panels.Count;
        var person = new double[pool.People.Count];
        foreach (var i in panels.SelectMany(p => p))
        {
            person[i] += probability;
        }

        return new SelectionResult(new PanelDistribution(algorithm, panels, panels.Select(_ => probability).ToArray(), person), null);
    }
}
