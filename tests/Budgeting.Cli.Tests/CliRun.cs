using System.Globalization;

namespace Budgeting.Cli.Tests;

/// <summary>Runs the CLI in-process with captured standard output and error.</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Error) Tally(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(["tally", .. args], new CliConsole(output, error));
        return (code, output.ToString(), error.ToString());
    }

    public static (int Code, string Out, string Error) Lottery(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = BudgetingCommand.Run(args, new CliConsole(output, error), LotteryFixture.Selector);
        return (code, output.ToString(), error.ToString());
    }
}
