using GossipActors.Hocon;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The one rule for <c>remote.maximum-message-size</c>, applied by the serializer, the transport's settings and the
/// gossip settings alike, so a value cannot pass one and fail another. The bounds are explained in reference.conf.
/// </summary>
public static class MessageSizeSetting
{
    public const string Path = "remote.maximum-message-size";

    /// <summary>Smaller messages could not carry one endpoint's state with its data centre and rack.</summary>
    public const int Minimum = 1024;

    /// <summary>A message is held whole in memory by its sender and its receiver; see reference.conf.</summary>
    public const int Maximum = 256 << 20;

    /// <exception cref="ConfigException">Not a size, or out of range; the message names the setting and where it was set.</exception>
    public static int Bind(Config config) => (int)config.GetBytesWithin(Path, Minimum, Maximum);
}
