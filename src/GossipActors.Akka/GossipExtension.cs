using System.Globalization;
using Akka.Actor;
using GossipActors.Akka.Configuration;
using GossipActors.Akka.Serialization;
using GossipActors.Gossip.Cluster;
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
/// </code>
/// To create it with the system: <c>akka.extensions = ["GossipActors.Akka.GossipExtensionId, GossipActors.Akka"]</c>.
/// </summary>
public sealed class GossipExtension : IExtension
{
    private static readonly Lazy<AkkaConfig> Defaults = new(() => AkkaConfigBridge.ToAkka(HoconConfig.Reference));

    /// <exception cref="ConfigException">A gossip or remote setting is invalid; the message names it.</exception>
    public GossipExtension(ExtendedActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.Settings.InjectTopLevelFallback(DefaultConfig);
        var config = AkkaConfigBridge.FromAkka(system.Settings.Config, "gossip", "remote");
        Settings = GossipNodeSettings.FromConfig(config);
        var maximum = config.GetBytes("remote.maximum-message-size");
        if (maximum is < 1024 or > int.MaxValue)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"remote.maximum-message-size = {maximum} bytes is out of range; accepted 1KiB-2GiB"));
        }

        CodecLimits = new CodecLimits { MaximumMessageSize = (int)maximum };
        Serializer = new GossipSerializer(system, CodecLimits);
        system.Serialization.AddSerializer("gossip", Serializer);
        system.Serialization.AddSerializationMap(typeof(IGossipMessage), Serializer);
        system.Serialization.AddSerializationMap(typeof(GossipEnvelope), Serializer);
    }

    /// <summary>hocon/reference.conf as Akka configuration: the fallback under any system's own.</summary>
    public static AkkaConfig DefaultConfig => Defaults.Value;

    /// <summary>The <c>gossip</c> section, bound and validated.</summary>
    public GossipNodeSettings Settings { get; }

    /// <summary>Wire limits from <c>remote.maximum-message-size</c>.</summary>
    public CodecLimits CodecLimits { get; }

    public GossipSerializer Serializer { get; }

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
