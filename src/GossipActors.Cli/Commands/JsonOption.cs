using System.CommandLine;

namespace GossipActors.Cli.Commands;

/// <summary>The <c>--json</c> every command takes: the node's answer (or the command's findings) as JSON, for jq and scripts.</summary>
public static class JsonOption
{
    public static Option<bool> Create() => new("--json") { Description = "Print the answer as JSON instead of text" };
}
