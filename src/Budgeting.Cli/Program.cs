namespace Budgeting.Cli;

internal static class Program
{
    private static int Main(string[] args) => BudgetingCommand.Run(args, CliConsole.System());
}
