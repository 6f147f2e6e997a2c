using System.CommandLine;

namespace GossipActors.Cli.Commands;

/// <summary>The explicit confirmation every mutation needs, so a pasted command line cannot change a live cluster by accident.</summary>
public static class ConfirmOption
{
    public static Option<bool> Create() => new("--confirm") { Description = "Required: confirms that the live cluster should be changed" };

    public static string Missing(string what, string admin) =>
        $"gossipctl: {what} changes the live cluster through {admin}; nothing was sent; repeat with --confirm to apply";
}
