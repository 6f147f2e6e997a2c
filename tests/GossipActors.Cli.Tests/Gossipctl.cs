using System.CommandLine;
using GossipActors.Cli.Commands;

namespace GossipActors.Cli.Tests;

/// <summary>Runs gossipctl's admin commands in-process with captured stdout and stderr.</summary>
public static class Gossipctl
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        var root = new RootCommand("gossipctl test root");
        foreach (var command in options.CreateAdminCommands())
        {
            root.Subcommands.Add(command);
        }

        root.Options.Add(options.Admin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GossipctlCommandLine.InvokeAsync(root, args, output, error);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
