using System.Globalization;
using Akka.Actor;
using GossipActors.Akka.Configuration;
using GossipActors.Akka.Serialization;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Hocon;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using AkkaConfig = Akka.Configuration.Config;

namespace GossipActors.Akka;

/// <summary>
/// Gossip as an Akka.NET extension, one per ActorSystem: <c>GossipExtension.Get(system)</c>. It puts the embedded
/// reference configuration (hocon/reference.conf, the one place defaults live) under the system's own, binds the
/// <c>gossip</c> settings through the same code a file goes through (so <c>auto</c> values and every range check
/// apply), and registers <see cref="GossipSerializer"/> for the protocol's messages.
/// <code>
/// var system = ActorSystem.Create("gossip", AkkaConfigBridge.ToAkka(HoconConfig.LoadFile("node.conf")));
/// var gossip = GossipExtension.Get(system);   // gossip.Settings.Interval, gossip.Serializer
/// var node = gossip.StartNode(gossiper => transport);   // the tree at /system/gossip; node is the IGossipCluster
/// </code>
/// To create it with the system: <c>akka.extensions = ["GossipActors.Akka.GossipExtensionId, GossipActors.Akka"]</c>.
/// </summary>
public sealed class GossipExtension : IExtension
{
    // Not the admin section: it belongs to the hosting layer and may hold admin.token, which Akka's configuration
    // (readable by any actor, printed by log-config-on-start) must never carry.
    private static readonly Lazy<AkkaConfig> Defaults = new(() => AkkaConfigBridge.ToAkka(HoconConfig.Reference, "akka", "gossip", "remote"));

    /// <exception cref="ConfigException">A gossip or remote setting is invalid; the message names it.</exception>
    private readonly ExtendedActorSystem _system;
    private readonly Lock _gate = new();
    private GossipNode? _node;

    public GossipExtension(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        system.Settings.InjectTopLevelFallback(DefaultConfig);
        var config = AkkaConfigBridge.FromAkka(system.Settings.Config, "gossip", "remote");
        Settings = GossipNodeSettings.FromConfig(config);
        CodecLimits = CodecLimitsOf(config);
        if (system.Serialization.FindSerializerForType(typeof(GossipEnvelope)) is GossipSerializer bound)
        {
            // Bound by reference.conf when the system was created with it, as any remote node must be.
            Serializer = bound;
        }
        else
        {
            Serializer = new GossipSerializer(system, CodecLimits);
            system.Serialization.AddSerializer("gossip", Serializer);
            system.Serialization.AddSerializationMap(typeof(IGossipMessage), Serializer);
            system.Serialization.AddSerializationMap(typeof(GossipEnvelope), Serializer);
        }
    }

    /// <summary>The wire limits from <c>remote.maximum-message-size</c> of an Akka configuration (reference.conf under it).</summary>
    /// <exception cref="ConfigException">The size is out of range.</exception>
    public static CodecLimits CodecLimitsFrom(AkkaConfig config) =>
        CodecLimitsOf(HoconConfig.LoadWithDefaults(AkkaConfigBridge.FromAkka(config, "remote")));

    /// <summary>
    /// The one rule for <c>remote.maximum-message-size</c>, applied by the serializer, the extension and the transport's
    /// settings alike, so a value cannot pass one and fail another.
    /// </summary>
    /// <exception cref="ConfigException">The size is out of range; the message names the setting and where it was set.</exception>
    public static CodecLimits CodecLimitsOf(GossipActors.Hocon.Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new CodecLimits { MaximumMessageSize = MessageSizeSetting.Bind(config) };
    }

    /// <summary>hocon/reference.conf as Akka configuration: the fallback under any system's own.</summary>
    public static AkkaConfig DefaultConfig => Defaults.Value;

    /// <summary>The <c>gossip</c> section, bound and validated.</summary>
    public GossipNodeSettings Settings { get; }

    /// <summary>Wire limits from <c>remote.maximum-message-size</c>.</summary>
    public CodecLimits CodecLimits { get; }

    public GossipSerializer Serializer { get; }

    /// <summary>The node started by <see cref="StartNode"/>, or null before.</summary>
    public GossipNode? Node
    {
        get
        {
            lock (_gate)
            {
                return _node;
            }
        }
    }

    /// <summary>
    /// Builds this system's gossip node, its gossiper a system actor at <c>/system/gossip</c> (so it stops with the
    /// system, after the application's actors), with <see cref="Settings"/> unless <paramref name="settings"/> is given.
    /// One node per system: the path is fixed.
    /// </summary>
    /// <param name="transportFactory">Creates the transport, given the gossiper that must receive inbound envelopes.</param>
    /// <exception cref="InvalidOperationException">A node was already started in this system.</exception>
    public GossipNode StartNode(Func<IActorRef, IGossipTransport> transportFactory, GossipNodeStartOptions? options = null, GossipNodeSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(transportFactory);
        lock (_gate)
        {
            if (_node is not null)
            {
                throw new InvalidOperationException($"{_system.Name} already runs a gossip node at {_node.Gossiper.Path}");
            }

            _node = new GossipNode(_system, settings ?? Settings, transportFactory,
                (options ?? new GossipNodeStartOptions()) with { SystemActor = true, ActorName = "gossip" });
            return _node;
        }
    }

    public static GossipExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<GossipExtension, GossipExtensionId>();
    }
}

/// <summary>The extension's id, for <c>system.WithExtension</c> and <c>akka.extensions</c>.</summary>
public sealed class GossipExtensionId : ExtensionIdProvider<GossipExtension>
{
    public override GossipExtension CreateExtension(ExtendedActorSystem system) => new(system);
}
