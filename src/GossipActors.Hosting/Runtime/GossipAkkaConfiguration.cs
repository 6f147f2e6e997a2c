using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Akka;
using GossipActors.Akka.Configuration;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Configuration;
using GossipActors.Remote;
using AkkaConfig = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// How gossip configuration reaches an Akka.Hosting ActorSystem. Our parser layers and resolves it (reference.conf ←
/// file ← IConfiguration ← builder calls) and validates it with each error naming where a setting was set; Akka receives
/// the <c>gossip</c> and <c>remote</c> sections as JSON, prepended so they win, and reference.conf's
/// <c>akka</c> section (serializer bindings, the gtcp transport class) appended, as a fallback under the application's
/// own Akka settings. The transport and the gossip extension then bind those sections from the system's configuration.
/// </summary>
internal static class GossipAkkaConfiguration
{
    // The admin section stays out of Akka: the admin endpoint binds it from our configuration, and admin.token must
    // not sit in a configuration any actor can read or log-config-on-start prints.
    private static readonly string[] OwnSections = ["gossip", "remote"];

    private static readonly AkkaConfig GtcpOnly =
        AkkaConfigurationFactory.ParseString("""akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]""");

    private static readonly ConditionalWeakTable<AkkaConfigurationBuilder, State> States = new();

    /// <summary>
    /// The gossip settings of one Akka builder: <c>WithGossipTransport</c> and <c>WithGossip</c> configure the same
    /// <see cref="GossipActorsBuilder"/>, so either may come first and both are one layering.
    /// </summary>
    public static State Of(AkkaConfigurationBuilder akka) => States.GetValue(akka, _ => new State());

    /// <summary>Remoting over gtcp only, with <paramref name="configuration"/>'s <c>remote</c> section.</summary>
    public static AkkaConfigurationBuilder UseTransport(AkkaConfigurationBuilder akka, NodeConfiguration configuration) =>
        UseSections(akka.WithActorRefProvider(ProviderSelection.Remote.Instance).AddHocon(GtcpOnly, HoconAddMode.Prepend), configuration);

    /// <summary>Our sections over everything the builder holds, reference.conf under it (once).</summary>
    public static AkkaConfigurationBuilder UseSections(AkkaConfigurationBuilder akka, NodeConfiguration configuration)
    {
        akka.AddHocon(AkkaConfigBridge.ToAkka(configuration.Config, OwnSections), HoconAddMode.Prepend);
        var state = Of(akka);
        if (!state.DefaultsAppended)
        {
            state.DefaultsAppended = true;
            akka.AddHocon(GossipExtension.DefaultConfig, HoconAddMode.Append);
        }

        return akka;
    }

    /// <summary>The <c>akka</c> section of <paramref name="configuration"/>: a node process's own file may tune its system.</summary>
    public static AkkaConfig AkkaSection(NodeConfiguration configuration) => AkkaConfigBridge.ToAkka(configuration.Config, "akka");

    /// <summary>Binds what the transport and the node will bind, so a mistake is reported now, naming where it was set.</summary>
    /// <exception cref="Hocon.ConfigException">A setting is invalid.</exception>
    public static void Validate(NodeConfiguration configuration) => NodeSettings.Bind(configuration);

    /// <summary>What one Akka builder was given; its configure callback runs on one thread, once.</summary>
    public sealed class State
    {
        public GossipActorsBuilder Builder { get; } = new();

        public bool DefaultsAppended { get; set; }

        public bool NodeStarterAdded { get; set; }
    }
}
