using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Budgeting.Cli;

namespace Budgeting.Api.Tests.Features.Results;

/// <summary>
/// The <c>budgeting allocate</c> command a results page suggests, read from the page and run in-process through the CLI
/// in a folder holding the audit bundle's files, as an auditor would after unzipping it.
/// </summary>
internal static partial class SuggestedCommand
{
    /// <summary>The one <c>budgeting allocate …</c> command in <paramref name="html"/>, decoded.</summary>
    public static string In(string html)
    {
        var matches = AllocateCode().Matches(html);
        Assert.That(matches, Has.Count.EqualTo(1), "the page should suggest exactly one budgeting allocate command");
        return WebUtility.HtmlDecode(matches[0].Groups[1].Value);
    }

    /// <summary>Runs <paramref name="command"/> on the files of <paramref name="bundle"/>; the report is on standard output.</summary>
    public static (int Code, string Out, string Error) Run(string command, byte[] bundle)
    {
        var words = Split(command);
        Assert.That(words.Take(2), Is.EqualTo(new[] { "budgeting", "allocate" }));
        var folder = Directory.CreateTempSubdirectory("budgeting-suggested-").FullName;
        try
        {
            using (var zip = new ZipArchive(new MemoryStream(bundle)))
            {
                zip.ExtractToDirectory(folder);
            }

            // A word naming one of the bundle's files is that file in the folder (the command is run from there).
            var args = words.Skip(1).Select(w => File.Exists(Path.Combine(folder, w)) ? Path.Combine(folder, w) : w).ToArray();
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            var code = BudgetingCommand.Run(args, new CliConsole(output, error));
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The file <paramref name="name"/> of <paramref name="bundle"/>, as text.</summary>
    public static string Entry(byte[] bundle, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle));
        using var reader = new StreamReader(zip.GetEntry(name)!.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Words as a POSIX shell splits them, for the quoting the page uses: spaces separate words, single quotes quote.
    private static List<string> Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (c == '\'')
            {
                var end = command.IndexOf('\'', i + 1);
                Assert.That(end, Is.GreaterThan(i), $"unbalanced quote in: {command}");
                word.Append(command, i + 1, end - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < command.Length)
            {
                word.Append(command[++i]);
                inWord = true;
            }
            else if (c == ' ')
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex("<code>(budgeting allocate [^<]*)</code>")]
    private static partial Regex AllocateCode();
}
