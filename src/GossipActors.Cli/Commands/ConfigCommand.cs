using System.CommandLine;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl config ...</c>: commands about HOCON configuration files.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Check and show GossipActors HOCON configuration.");
        command.Subcommands.Add(ConfigRenderCommand.Create());
        command.Subcommands.Add(ConfigCheckCommand.Create());
        return command;
    }
}
