using System.CommandLine;
using GossipActors.Cli.Commands;

namespace GossipActors.Cli;

/// <summary>
/// The gossipctl command line. Each top-level command lives in its own file under Commands/ and is listed in
/// <see cref="CommandFactories"/>; adding a command means adding one file and one line here.
/// </summary>
public static class GossipCtl
{
    /// <summary>
    /// Factories of the top-level commands, in the order help lists them. Admin commands share the
    /// <see cref="GossipctlOptions"/> of their root (the global <c>--admin</c> option and the HTTP client).
    /// </summary>
    public static IReadOnlyList<Func<GossipctlOptions, Command>> CommandFactories { get; } =
    [
        InfoCommand.Create,
        StatusCommand.Create,
        GossipInfoCommand.Create,
        FailureDetectorCommand.Create,
        DescribeClusterCommand.Create,
        TpStatsCommand.Create,
        HistogramsCommand.Create,
        CheckCommand.Create,
        SetPhiCommand.Create,
        AssassinateCommand.Create,
        DecommissionCommand.Create,
        _ => ConfigCommand.Create(),
    ];

    public static RootCommand BuildRootCommand(GossipctlOptions? options = null)
    {
        options ??= new GossipctlOptions();
        var root = new RootCommand("gossipctl: inspect and operate GossipActors nodes, and check their configuration.");
        root.Options.Add(options.Admin);
        root.Options.Add(options.Token);
        foreach (var factory in CommandFactories)
        {
            root.Subcommands.Add(factory(options));
        }

        return root;
    }

    /// <summary>Runs gossipctl with the given arguments, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error).GetAwaiter().GetResult();

    /// <summary>
    /// Runs gossipctl; wrong arguments give one line on stderr and exit code 2 (see <see cref="ExitCodes"/>).
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, GossipctlOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return GossipctlCommandLine.InvokeAsync(BuildRootCommand(options), args, output, error, cancellationToken);
    }
}
