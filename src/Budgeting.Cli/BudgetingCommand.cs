using System.CommandLine;
using System.CommandLine.Help;

namespace Budgeting.Cli;

/// <summary>The <c>budgeting</c> root command: parses the arguments and runs the chosen subcommand.</summary>
internal static class BudgetingCommand
{
    /// <summary>Runs the CLI with <paramref name="args"/> on <paramref name="console"/> and returns the exit code; tests may substitute <c>draw</c>'s <paramref name="selector"/>.</summary>
    public static int Run(string[] args, CliConsole console, PanelSelector? selector = null)
    {
        var root = new RootCommand("Budgeting: tally participatory budgeting elections with exact, explained rules.");
        root.Subcommands.Add(TallyCommand.Create(console));
        root.Subcommands.Add(Rfc3797Command.Create(console));
        root.Subcommands.Add(InviteCommand.Create(console));
        root.Subcommands.Add(DrawCommand.Create(console, selector ?? PanelSelectors.Default));
        root.Subcommands.Add(RevealCommand.Create(console));
        root.Subcommands.Add(AuditCommand.Create(console));
        root.Subcommands.Add(ReplaceCommand.Create(console));
        root.Subcommands.Add(AuditBundleCommand.Create(console));
        root.Subcommands.Add(AllocateCommand.Create(console));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
        {
            // One line, and the usage exit code, instead of System.CommandLine's help dump and exit code 1.
            var message = string.Join(' ', parsed.Errors[0].Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            console.Error.Write($"budgeting: {message}\n");
            return ExitCodes.BadInput;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
