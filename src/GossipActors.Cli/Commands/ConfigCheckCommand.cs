using System.CommandLine;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl config check FILE</c>: validates a node configuration file as the node would (unknown keys, types,
/// ranges); exit 0 and "FILE: valid", or exit 3 (the node's own code for invalid configuration) with one problem per
/// line on stderr.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Node configuration file (HOCON, .json or .properties) to validate." };
        var command = new Command("check", "Validate a node configuration file exactly as the node would (exit 3 when it would refuse it).")
        {
            file,
        };
        command.SetAction(parseResult => Check(
            parseResult.GetValue(file)!,
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Check(string file, TextWriter output, TextWriter error)
    {
        if (NodeConfigurationCheck.Problems(file) is { } problems)
        {
            error.WriteLine(problems);
            return ExitCodes.InvalidConfiguration;
        }

        output.WriteLine($"{file}: valid");
        return ExitCodes.Success;
    }
}
