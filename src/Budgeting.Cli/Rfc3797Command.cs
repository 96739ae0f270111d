using System.CommandLine;
using Budgeting.Randomness;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting rfc3797 --candidates FILE --source N[,N…] … --count K</c>: the publicly verifiable selection of
/// RFC 3797. Prints the key string with <c>--key-only</c>, otherwise the selected candidates, one per line, in
/// selection order.
/// </summary>
internal static class Rfc3797Command
{
    /// <summary>Builds the command; its action writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var candidates = new Option<FileInfo?>("--candidates")
        {
            Description = "The published pool: one candidate per line, in the published order (blank lines are skipped).",
        };
        var sources = new Option<string[]>("--source")
        {
            Description = "One public random source: its non-negative whole numbers separated by commas (2,5,12,8,10), or one decimal number (9319.27); repeat in announcement order.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var count = new Option<int?>("--count") { Description = "How many candidates to select." };
        var keyOnly = new Option<bool>("--key-only") { Description = "Print only the RFC 3797 key string (a seed for other commands)." };
        var command = new Command("rfc3797", "Select candidates as RFC 3797 does, from public random sources.")
        {
            candidates, sources, count, keyOnly,
        };
        command.SetAction(parse => Execute(
            console, parse.GetValue(candidates), parse.GetValue(sources) ?? [], parse.GetValue(count), parse.GetValue(keyOnly)));
        return command;
    }

    private static int Execute(CliConsole console, FileInfo? candidates, string[] sources, int? count, bool keyOnly)
    {
        try
        {
            var builder = new Rfc3797KeyBuilder();
            foreach (var source in sources)
            {
                builder.Add(source);
            }

            var key = builder.Build();
            if (keyOnly)
            {
                console.Out.Write(key + "\n");
                return ExitCodes.Ok;
            }

            if (candidates is null)
            {
                return Fail(console, "--candidates is required (or give --key-only to print the key string)");
            }

            if (count is not { } wanted)
            {
                return Fail(console, "--count is required");
            }

            if (!candidates.Exists)
            {
                return Fail(console, $"{candidates}: no such file");
            }

            var names = File.ReadAllLines(candidates.FullName)
                .Select(line => line.Trim())
                .Where(line => line.Length > 0)
                .ToList();
            if (names.Count > Rfc3797.MaxPool)
            {
                return Fail(console, $"{candidates}: {names.Count} candidates; RFC 3797 serves a pool of at most {Rfc3797.MaxPool}");
            }

            if (wanted < 1 || wanted > names.Count)
            {
                return Fail(console, $"--count {wanted}: must be between 1 and the {names.Count} candidates in {candidates}");
            }

            foreach (var name in Rfc3797.Select(key, names, wanted))
            {
                console.Out.Write(name + "\n");
            }

            console.Out.Flush();
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Fail(console, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(console, e.Message);
        }
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.Write($"budgeting rfc3797: {message.ReplaceLineEndings(" ")}\n");
        console.Error.Flush();
        return ExitCodes.BadInput;
    }
}
