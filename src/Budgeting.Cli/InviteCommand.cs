using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Budgeting.Arithmetic;
using Budgeting.Sortition.Invitations;

namespace Budgeting.Cli;

/// <summary>
/// <c>budgeting invite --register FILE --strata COL[,COL] --count N --seed SEED --out FILE</c>: stage 1 of a
/// citizens' assembly, a stratified random sample of households from an address register (see
/// <see cref="InvitationSampler"/>). Writes the selected rows to <c>--out</c> atomically and prints the allocation.
/// </summary>
internal static class InviteCommand
{
    /// <summary>Builds the command; its action writes to <paramref name="console"/>.</summary>
    public static Command Create(CliConsole console)
    {
        var register = new Option<FileInfo>("--register") { Description = "The register: a CSV file with a header row.", Required = true };
        var strata = new Option<string>("--strata") { Description = "Comma-separated columns whose values define the strata.", Required = true };
        var count = new Option<int>("--count") { Description = "How many letters (households) to draw.", Required = true };
        var seed = new Option<string>("--seed") { Description = "The public seed, for example an RFC 3797 key string.", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the selected rows (CSV, written atomically).", Required = true };
        var households = new Option<string?>("--household-columns")
        {
            Description = "Comma-separated columns that together identify a household (address): one letter per household.",
        };
        var oversample = new Option<string[]>("--oversample")
        {
            Description = "STRATUM=FACTOR: weight a stratum's households by FACTOR (1.5 or 3/2); repeat for several strata.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("invite", "Draw a stratified random sample of households from a register (one letter per household).")
        {
            register, strata, count, seed, output, households, oversample,
        };
        command.SetAction(parse => Execute(
            console,
            parse.GetValue(register)!,
            parse.GetValue(strata)!,
            parse.GetValue(count),
            parse.GetValue(seed)!,
            parse.GetValue(output)!,
            parse.GetValue(households),
            parse.GetValue(oversample) ?? []));
        return command;
    }

    private static int Execute(
        CliConsole console, FileInfo register, string strata, int count, string seed, FileInfo output, string? households, string[] oversample)
    {
        try
        {
            var weights = new Dictionary<string, Rational>(StringComparer.Ordinal);
            foreach (var item in oversample)
            {
                var equals = item.LastIndexOf('=');
                if (equals <= 0)
                {
                    return Fail(console, $"--oversample '{item}': expected STRATUM=FACTOR, such as 'North|18-29=2'");
                }

                var name = item[..equals].Trim();
                if (!TryParseFactor(item[(equals + 1)..].Trim(), out var factor))
                {
                    return Fail(console, $"--oversample '{item}': the factor must be a positive number such as 2, 1.5 or 3/2");
                }

                if (!weights.TryAdd(name, factor))
                {
                    return Fail(console, $"--oversample names stratum '{name}' twice");
                }
            }

            if (!register.Exists)
            {
                return Fail(console, $"{register}: no such file");
            }

            var request = new InvitationRequest(Split(strata), count, seed, Split(households), weights);
            InvitationResult? result = null;
            AtomicFile.Write(output.FullName, stream => result = InvitationSampler.Draw(register.FullName, register.ToString(), request, stream));
            WriteSummary(console, result!);
            return ExitCodes.Ok;
        }
        catch (RegisterFormatException e)
        {
            return Fail(console, e.Message, prefix: false);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            return Fail(console, e.Message);
        }
    }

    private static void WriteSummary(CliConsole console, InvitationResult result)
    {
        var text = CultureInfo.InvariantCulture;
        console.Out.Write(string.Create(text, $"{result.Rows} rows, {result.Households} households, {result.Letters} letters\n"));
        console.Out.Write("stratum\thouseholds\tweight\tquota\tletters\n");
        foreach (var s in result.Strata)
        {
            console.Out.Write(string.Create(text, $"{s.Name}\t{s.Households}\t{s.Weight}\t{s.Quota.ToDouble():0.####}\t{s.Letters}\n"));
        }

        console.Out.Flush();
    }

    private static List<string> Split(string? columns) =>
        columns is null ? [] : columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static bool TryParseFactor(string text, out Rational factor)
    {
        factor = Rational.Zero;
        try
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                var whole = text[..dot];
                var fraction = text[(dot + 1)..];
                if ((whole + fraction).Length == 0 || !(whole + fraction).All(char.IsAsciiDigit))
                {
                    return false;
                }

                factor = new Rational(
                    BigInteger.Parse("0" + whole + fraction, CultureInfo.InvariantCulture),
                    BigInteger.Pow(10, fraction.Length));
            }
            else if (text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c == '/'))
            {
                factor = Rational.Parse(text);
            }
            else
            {
                return false;
            }
        }
        catch (Exception e) when (e is FormatException or DivideByZeroException or ArgumentException)
        {
            return false;
        }

        return factor.Sign > 0;
    }

    private static int Fail(CliConsole console, string message, bool prefix = true)
    {
        console.Error.Write((prefix ? "budgeting invite: " : "") + message.ReplaceLineEndings(" ") + "\n");
        console.Error.Flush();
        return ExitCodes.BadInput;
    }
}
