namespace Budgeting.Sortition.Selection;

/// <summary>
/// The pool's people merged into types: people with identical feature values who share a household with nobody are
/// interchangeable (any panel stays valid when one is swapped for another), so they form one type; a person who
/// shares a household with someone else is a type of their own. A panel over types is a count per type.
/// </summary>
internal sealed class PersonTypes
{
    private PersonTypes(Pool pool, List<int[]> members, List<int[]> values, int[] typeOfPerson, List<int[]> households)
    {
        Pool = pool;
        Members = members;
        Values = values;
        TypeOfPerson = typeOfPerson;
        Households = households;
    }

    /// <summary>The pool the types were built from.</summary>
    public Pool Pool { get; }

    /// <summary>Each type's people (ascending person indices); types are ordered by their first person.</summary>
    public IReadOnlyList<int[]> Members { get; }

    /// <summary>Each type's value index per feature.</summary>
    public IReadOnlyList<int[]> Values { get; }

    /// <summary>The type of each person.</summary>
    public IReadOnlyList<int> TypeOfPerson { get; }

    /// <summary>Households of two or more people, as lists of (singleton) type indices: at most one may be on a panel.</summary>
    public IReadOnlyList<int[]> Households { get; }

    /// <summary>How many types.</summary>
    public int Count => Members.Count;

    /// <summary>Merges the pool's interchangeable people into types.</summary>
    public static PersonTypes Build(Pool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var householdSize = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var person in pool.People)
        {
            if (person.Household is not null)
            {
                householdSize[person.Household] = householdSize.GetValueOrDefault(person.Household) + 1;
            }
        }

        var members = new List<List<int>>();
        var values = new List<int[]>();
        var byValues = new Dictionary<string, int>(StringComparer.Ordinal);
        var typeOfPerson = new int[pool.People.Count];
        var householdTypes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < pool.People.Count; i++)
        {
            var person = pool.People[i];
            var tied = person.Household is not null && householdSize[person.Household] > 1;
            int type;
            if (tied)
            {
                type = members.Count;
                members.Add([]);
                values.Add([.. person.ValueIndices]);
                if (!householdTypes.TryGetValue(person.Household!, out var list))
                {
                    householdTypes[person.Household!] = list = [];
                }

                list.Add(type);
            }
            else
            {
                var key = string.Join(',', person.ValueIndices);
                if (!byValues.TryGetValue(key, out type))
                {
                    type = members.Count;
                    byValues[key] = type;
                    members.Add([]);
                    values.Add([.. person.ValueIndices]);
                }
            }

            members[type].Add(i);
            typeOfPerson[i] = type;
        }

        var households = householdTypes.Values.Select(l => l.ToArray()).OrderBy(h => h[0]).ToList();
        return new PersonTypes(pool, members.Select(m => m.ToArray()).ToList(), values, typeOfPerson, households);
    }
}
