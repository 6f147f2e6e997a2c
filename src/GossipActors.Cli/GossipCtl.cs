using System.CommandLine;
using GossipActors.Cli.Commands;

namespace GossipActors.Cli;

/// <summary>
/// The gossipctl command line. Each top-level command lives in its own file under Commands/ and is listed in
/// <see cref="CommandFactories"/>; adding a command means adding one file and one line here.
/// </summary>
public static class GossipCtl
{
    /// <summary>Factories of the top-level commands, in the order help lists them.</summary>
    public static IReadOnlyList<Func<Command>> CommandFactories { get; } =
    [
        ConfigCommand.Create,
    ];

    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("gossipctl: inspect and operate GossipActors nodes, and check their configuration.");
        foreach (var factory in CommandFactories)
        {
            root.Subcommands.Add(factory());
        }

        return root;
    }

    /// <summary>Runs gossipctl with the given arguments, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return BuildRootCommand().Parse(args).Invoke(configuration);
    }
}
