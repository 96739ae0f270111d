namespace Budgeting.Cli.Tests;

/// <summary>Small Pabulib files written to a temporary folder, with outcomes worked out by hand in the tests.</summary>
internal static class Fixtures
{
    /// <summary>
    /// Budget 100. Projects 1 (cost 60), 2 (30), 3 (42), 4 (5). Six voters: {1,2} three times, {1}, {3,4}, {3};
    /// so project 1 has 4 approvals, 2 has 3, 3 has 2, 4 has 1. No two projects tie under any rule tested.
    /// Line 27 is voter 5's ballot.
    /// </summary>
    public const string Small = """
        META
        key;value
        description;CLI test fixture
        country;Nowhere
        unit;Testville
        instance;2026
        num_projects;4
        num_votes;6
        budget;100
        vote_type;approval
        rule;greedy
        date_begin;2026-01-01
        date_end;2026-01-02
        currency;EUR
        PROJECTS
        project_id;cost;votes;name
        1;60;4;Park
        2;30;3;Library
        3;42;2;Bridge
        4;5;1;Bench
        VOTES
        voter_id;vote
        1;1,2
        2;1,2
        3;1,2
        4;1
        5;3,4
        6;3

        """;

    /// <summary>
    /// Budget 100. Projects 1 (cost 60) and 2 (cost 40) are both approved by the same four voters; two more voters
    /// approve project 3 (cost 50). Under Equal Shares each voter holds 100/6; projects 1 and 2 both cost each supporter
    /// exactly a quarter of their cost (15 of 60, 10 of 40), an exact tie, and whichever is bought first leaves the
    /// four supporters too little for the other: the tie decides the outcome. Under greedy, 1 and 2 tie on 4 votes but
    /// both fit (60 + 40 = 100), so that tie changes nothing.
    /// </summary>
    public const string Tied = """
        META
        key;value
        description;CLI tie fixture
        country;Nowhere
        unit;Testville
        instance;2026
        num_projects;3
        num_votes;6
        budget;100
        vote_type;approval
        rule;greedy
        date_begin;2026-01-01
        date_end;2026-01-02
        currency;EUR
        PROJECTS
        project_id;cost;name
        1;60;Pool
        2;40;Stage
        3;50;Garden
        VOTES
        voter_id;vote
        1;1,2
        2;1,2
        3;1,2
        4;1,2
        5;3
        6;3

        """;

    /// <summary>Writes <paramref name="content"/> to a new file in <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return path;
    }
}
