using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Text;

namespace GossipActors.Remote.Connections;

/// <summary>The listener's decision on a dialer's <see cref="Hello"/>: null to accept, else the rejection to send back.</summary>
public static class HandshakePolicy
{
    public static HelloRejected? Check(Hello hello, RemoteSettings local)
    {
        ArgumentNullException.ThrowIfNull(hello);
        ArgumentNullException.ThrowIfNull(local);
        if (hello.Magic != WireFormat.Magic)
        {
            return new HelloRejected(RejectReason.BadMagic, $"0x{WireFormat.Magic:X8}", $"0x{hello.Magic:X8}", "not a GossipActors handshake");
        }

        if (!WireFormat.Speaks(hello.ProtocolVersion))
        {
            return new HelloRejected(
                RejectReason.ProtocolVersionMismatch,
                WireFormat.ProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                hello.ProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"protocol versions differ and this node speaks {WireFormat.OldestProtocolVersion} to {WireFormat.ProtocolVersion}; upgrade the older node");
        }

        if (!string.Equals(hello.ClusterName, local.ClusterName, StringComparison.Ordinal))
        {
            return new HelloRejected(
                RejectReason.ClusterNameMismatch,
                local.ClusterName,
                hello.ClusterName,
                "cluster names differ; check gossip.cluster-name on both nodes");
        }

        if (local.Tls.Enabled && !hello.TlsEnabled)
        {
            return new HelloRejected(RejectReason.TlsRequired, "tls", "plaintext", "this node requires remote.tls.enabled = on");
        }

        return null;
    }

    /// <summary>
    /// The listener's decision on the dialer's <see cref="KeyringOffer"/>: both or neither must have a keyring. A node
    /// with one never falls back to the cluster name alone, or anyone could drop the proof and be let in.
    /// </summary>
    public static HelloRejected? CheckKeyring(KeyringOffer offer, RemoteSettings local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        return (local.Keyring is not null, offer.Enabled) switch
        {
            (true, false) => new HelloRejected(
                RejectReason.KeyringRequired,
                "keyring",
                "none",
                "this node requires a shared cluster key (remote.keyring) and the peer has no keyring"),
            (false, true) => new HelloRejected(
                RejectReason.KeyringNotEnabled,
                "none",
                "keyring",
                "the peer has a keyring (remote.keyring) and this node has none; configure the same keys on both"),
            _ => null,
        };
    }

    /// <summary>A keyring proof matched none of the checking side's keys. Says so, and never which keys either side has.</summary>
    public static HelloRejected NoSharedKey() => new(
        RejectReason.NoSharedKey,
        "keyring",
        "keyring",
        "no shared key: the proof matches none of the keys in remote.keyring; install the peer's primary key here, or ours there");

    /// <summary>
    /// The version to dial <paramref name="rejected"/>'s sender with again: the older version it said it speaks, when this
    /// node speaks it too; null when the refusal is not about the version or no common version exists.
    /// </summary>
    public static ushort? FallbackVersion(HelloRejected rejected, ushort offered)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        return rejected.Reason == RejectReason.ProtocolVersionMismatch &&
               ushort.TryParse(rejected.LocalValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var theirs) &&
               theirs < offered && WireFormat.Speaks(theirs)
            ? theirs
            : null;
    }

    public static bool IsKeyring(RejectReason reason) => reason is RejectReason.KeyringRequired or RejectReason.KeyringNotEnabled or RejectReason.NoSharedKey;

    /// <summary>The log line both sides write, naming the peer and both values.</summary>
    /// <remarks>Every value in it may come from the peer (its Hello, or its rejection), so every one is escaped.</remarks>
    public static string Describe(HelloRejected rejected, string peer, bool weRejected)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var (local, remote, detail) = (LogText.Escape(rejected.LocalValue), LogText.Escape(rejected.RemoteValue), LogText.Escape(rejected.Detail));
        return weRejected
            ? $"refused connection from {LogText.Escape(peer)}: {rejected.Reason} (ours '{local}', theirs '{remote}'): {detail}"
            : $"{LogText.Escape(peer)} refused our connection: {rejected.Reason} (theirs '{local}', ours '{remote}'): {detail}";
    }
}
