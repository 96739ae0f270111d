using Budgeting.Formats.Pabulib;

namespace Budgeting.Core.Tests.Formats.Pabulib;

/// <summary>Small Pabulib texts for the reader and writer tests. Line numbers in comments are 1-based.</summary>
internal static class PabulibFixtures
{
    /// <summary>
    /// A minimal valid approval election; tests replace single lines to make it invalid.
    /// Lines: 1 META, 2 key;value, 3 budget, 4 vote_type, 5 PROJECTS, 6 header, 7 a, 8 b, 9 VOTES, 10 header, 11 voter 1, 12 voter 2.
    /// </summary>
    public static readonly string[] Minimal =
    [
        "META",
        "key;value",
        "budget;1000",
        "vote_type;approval",
        "PROJECTS",
        "project_id;cost",
        "a;600",
        "b;400",
        "VOTES",
        "voter_id;vote",
        "1;a,b",
        "2;b",
    ];

    /// <summary>A richer election with quoting, missing values, extra columns and an official outcome.</summary>
    public const string Rich = """"
        META
        key;value
        description;Test election
        country;Nowhere
        num_projects;3
        num_votes;4
        budget;1000
        vote_type;approval
        rule;greedy
        max_length;2
        min_project_score_threshold;2
        PROJECTS
        project_id;cost;votes;name;category;selected
        a;600;3;Park;nature;1
        b;400;2;"Library; ""new""";culture,education;1
        c;300;1;none;none;0
        VOTES
        voter_id;vote;age;sex
        1;a,b;30;F
        2;b,a;45;M
        3;a;none;F
        4;c;22;M
        """";

    /// <summary>The lines joined with LF.</summary>
    public static string Text(IEnumerable<string> lines) => string.Join("\n", lines);

    /// <summary>The minimal file with line <paramref name="number"/> (1-based) replaced by <paramref name="replacement"/>, or removed when it is null.</summary>
    public static string MinimalWith(int number, string? replacement) =>
        Text(Minimal.Select((l, i) => i + 1 == number ? replacement : l).OfType<string>());

    /// <summary>Reads text as file "t.pb".</summary>
    public static PabulibFile Read(string text, PabulibReadOptions? options = null) => PabulibReader.ReadText(text, "t.pb", options);

    /// <summary>The message of the <see cref="PabulibFormatException"/> reading the text throws.</summary>
    public static PabulibFormatException ReadError(string text, PabulibReadOptions? options = null) =>
        Assert.Throws<PabulibFormatException>(() => Read(text, options))!;
}
