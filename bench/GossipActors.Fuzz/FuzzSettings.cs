using GossipActors.Remote;

namespace GossipActors.Fuzz;

/// <summary>
/// The settings the targets run with, bound from reference.conf through the node's own binder so no value is
/// repeated here. Only the two sizes are lowered, and only for the framing target: the limit checks are the same
/// code whatever the limit, and a 16 MiB buffer per execution would spend afl-fuzz's time zeroing memory.
/// </summary>
internal static class FuzzSettings
{
    /// <summary>A node as it ships: what the decoder and the handshake see.</summary>
    public static RemoteSettings Node { get; } = RemoteSettingsBinder.Bind(string.Empty);

    /// <summary>The same node requiring TLS, so the handshake's TLS branch is reachable from any Hello.</summary>
    public static RemoteSettings NodeRequiringTls { get; } = Node with { Tls = new TlsSettings(true) };

    /// <summary>The same node with a one-key keyring, so the keyring checks are reachable from any offer or proof.</summary>
    public static RemoteSettings NodeWithKeyring { get; } =
        RemoteSettingsBinder.Bind("remote.keyring.keys = [\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\"]");

    /// <summary>Smaller reassembly limits for the framing target (see the class comment).</summary>
    public static RemoteSettings SmallFrames { get; } =
        RemoteSettingsBinder.Bind("remote { maximum-message-size = 256KiB, reassembly-buffer-limit = 1MiB }");
}
