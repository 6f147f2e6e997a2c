namespace GossipActors.Protocol.Codec.Compact;

/// <summary>
/// Layout of the compact SYN, ACK and ACK2 (protocol version 4), after the usual two header bytes. Integers are LEB128
/// varints, deltas zig-zag varints, strings a varint byte length and UTF-8.
/// <list type="bullet">
/// <item>
/// Every SYN, ACK and ACK2 starts with a table check, the number of endpoints in the sender's table modulo 256: a receiver whose
/// table differs (a reset on one side only) refuses the message instead of misreading its indexes and deltas.
/// </item>
/// <item>
/// A heartbeat (<see cref="WireMessageType.CompactHeartbeat"/>) has no table check and at most one field, its
/// generation as a varint; without it, the generation is the previous heartbeat's on the connection (refused when none
/// came), so a running node's heartbeats are the two header bytes. A stamped heartbeat
/// (<see cref="WireMessageType.CompactStampedHeartbeat"/>, protocol 6) has a flags byte
/// (<see cref="HeartbeatGenerationFollows"/>, <see cref="HeartbeatStampAbsolute"/>), the generation when the flag says
/// so, and the sender's clock: 8 bytes when the flag says so (the first on a connection, or after a jump), else a
/// zig-zag varint delta from the previous stamped heartbeat's (about a heartbeat interval: two bytes).
/// </item>
/// <item>SYN: flags (bit 0: the cluster name follows as a string, else it is the last SYN's), [cluster name], digests.</item>
/// <item>
/// ACK: requests (digests), then states, then (protocol 6) the responder's clock as an 8-byte Unix ms. ACK2: states,
/// then (protocol 6) the ACK's clock echoed and the initiator's clock, 8 bytes each (<see cref="ClockStamps"/>).
/// </item>
/// <item>
/// A list (of digests or of states) starts with a varint head: bit 0 (<see cref="ListHasNewEndpoints"/>) says a
/// varint count of endpoints new to the table follows the bitmap; bit 1 (<see cref="ListHasEveryKnownEndpoint"/>)
/// says the list holds every endpoint of the table, and no bitmap follows; otherwise the rest of the head is the byte
/// count of a presence bitmap over the table (bit <c>i</c>, least significant first, set when endpoint <c>i</c> is in
/// the list). Then one item per known endpoint in index order, then the new ones, each an endpoint (host string,
/// port) and an item with absolute values; they take the next indexes in order.
/// </item>
/// <item>
/// Item of a known endpoint: one varint <c>head</c>. Its low bit (for a state, the bit above <see cref="StateHasApplicationStates"/>)
/// says the generation changed: then a zig-zag generation delta and the absolute version follow; otherwise the rest
/// of <c>head</c> is the zig-zag delta from the version last carried for the endpoint. A state's lowest bit says
/// application states follow: a count, then per state a key reference (0: a new key's string follows; <c>k</c>:
/// key <c>k - 1</c>), the value string and its version.
/// </item>
/// </list>
/// A heartbeat-only change of a known endpoint therefore costs one byte and one bit while its version moved by less
/// than 16 since this connection last carried it.
/// <para>
/// From protocol 7 (<see cref="ShortNewEndpointsVersion"/>) a new endpoint is shorter, since naming every endpoint once
/// on each of a node's connections is most of a young cluster's gossip bytes: an IPv4 host in its usual dotted form is
/// an empty string followed by its 4 bytes, and the generation is a zig-zag delta from the generation of the endpoint
/// the table took last (nodes started together have generations seconds apart: one byte instead of five). A new
/// 127.0.0.1 endpoint costs 10 bytes instead of 19.
/// </para>
/// </summary>
public static class CompactGossipFormat
{
    /// <summary>The first protocol version that writes new endpoints in the short form (IPv4 as 4 bytes, generation as a delta).</summary>
    public const ushort ShortNewEndpointsVersion = 7;

    /// <summary>The dotted IPv4 host as 4 bytes, when it is exactly the usual text of one (so it reads back the same).</summary>
    public static byte[]? AsIPv4(string host) =>
        System.Net.IPAddress.TryParse(host, out var address) &&
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork &&
        string.Equals(address.ToString(), host, StringComparison.Ordinal)
            ? address.GetAddressBytes()
            : null;

    /// <summary>What a new endpoint's generation is a delta from: the generation of the endpoint the table took last, 0 before any.</summary>
    public static long LastNewGeneration(CompactGossipTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.EndpointCount == 0 ? 0 : table.GenerationAt(table.EndpointCount - 1);
    }

    /// <summary>SYN flag: the cluster name is written out (first SYN on the connection, or it changed).</summary>
    public const byte ClusterNameFollows = 1;

    /// <summary>Stamped heartbeat flag: the generation follows (else it is the previous heartbeat's on the connection).</summary>
    public const byte HeartbeatGenerationFollows = 1;

    /// <summary>Stamped heartbeat flag: the clock follows as an absolute 8-byte Unix ms (else as a delta).</summary>
    public const byte HeartbeatStampAbsolute = 2;

    /// <summary>The range of a heartbeat stamp delta (what a zig-zag varint of 31 bits carries); a larger jump goes absolute.</summary>
    public const long MinimumStampDelta = -(1L << 30);

    public const long MaximumStampDelta = (1L << 30) - 1;

    /// <summary>List head bit: endpoints new to the table follow the known ones (their count after the bitmap).</summary>
    public const uint ListHasNewEndpoints = 1;

    /// <summary>List head bit: the list holds every endpoint of the table (a steady-state SYN), no bitmap follows.</summary>
    public const uint ListHasEveryKnownEndpoint = 2;

    /// <summary>State head bit: application states follow the versions.</summary>
    public const uint StateHasApplicationStates = 1;

    /// <summary>
    /// Frames a compact message may span. Compact messages travel in order among the connection's urgent messages, so a
    /// larger one would hold up the SYNs behind it; it goes in the stateless format instead, as bulk.
    /// </summary>
    public const int MaximumFrames = 16;

    /// <summary>Smallest new endpoint: one-byte host, port, generation, version.</summary>
    public const int MinimumNewEndpointSize = 5;

    /// <summary>Smallest application state: key reference, empty value, version.</summary>
    public const int MinimumApplicationStateSize = 3;

    /// <summary>The largest compact message, in bytes, on a connection whose frames hold <paramref name="framePayload"/> bytes each.</summary>
    public static int Budget(int framePayload) => MaximumFrames * framePayload;
}
