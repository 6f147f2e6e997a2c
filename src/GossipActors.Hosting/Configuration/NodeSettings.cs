using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Remote;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// Every section of a node's configuration, bound and validated in one place: the node hosted by
/// <c>AddGossipActors</c>, gossip added to an Akka application with <c>WithGossipTransport</c>/<c>WithGossip</c>, and
/// <c>gossipctl config check</c> all come here, so a file is accepted or refused the same way by each.
/// </summary>
public sealed record NodeSettings(RemoteSettings Remote, AdminSettings Admin, GossipNodeSettings Gossip)
{
    /// <summary>Unknown keys first, then each section's binding; every problem found is reported, not only the first.</summary>
    /// <exception cref="ConfigException">At least one setting is unknown, mistyped or out of range; one line per problem, each naming the setting and where it was set.</exception>
    public static NodeSettings Bind(NodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = configuration.Config;
        var problems = new SettingProblems();
        foreach (var unknown in KnownSettings.FindUnknown(c))
        {
            problems.Add(unknown);
        }

        var remote = problems.Read<RemoteSettings?>(() => RemoteSettingsBinder.Bind(c), null);
        var admin = problems.Read<AdminSettings?>(() => AdminSettings.Bind(configuration), null);
        GossipNodeSettings? gossip = null;
        try
        {
            gossip = problems.Read<GossipNodeSettings?>(() => GossipNodeSettings.FromConfig(c), null);
        }
        catch (FailureDetectorSettingsException detector)
        {
            foreach (var error in detector.Errors)
            {
                problems.Add(error);
            }
        }

        problems.ThrowIfAny();
        return new NodeSettings(remote!, admin!, gossip!);
    }
}
