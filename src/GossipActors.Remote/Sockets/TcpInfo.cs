using System.Buffers.Binary;

namespace GossipActors.Remote.Sockets;

/// <summary>
/// The fields of Linux's <c>struct tcp_info</c> (linux/tcp.h) that stall detection needs. Offsets are the
/// kernel's ABI, stable since 2.6 for the first 104 bytes and since 4.x for the byte counters.
/// </summary>
public readonly record struct TcpInfo(
    byte State,
    byte Retransmits,
    byte Options,
    uint RetransmitTimeoutMicroseconds,
    uint SendMss,
    uint ReceiveMss,
    uint Unacked,
    uint Lost,
    uint Retrans,
    uint PathMtu,
    uint RoundTripMicroseconds,
    uint AdvertisedMss,
    uint TotalRetrans,
    ulong BytesAcked,
    ulong BytesReceived,
    uint NotSentBytes)
{
    /// <summary>Bytes of struct tcp_info up to and including tcpi_notsent_bytes.</summary>
    public const int MinimumLength = 148;

    private const byte TimestampsOption = 1;

    public bool Timestamps => (Options & TimestampsOption) != 0;

    /// <summary>
    /// The size of a full segment on the wire above the TCP header: the kernel's send MSS excludes the
    /// timestamp option, so it is added back to report what the path actually has to carry.
    /// </summary>
    public int FullSegmentBytes => (int)SendMss + (Timestamps ? 12 : 0);

    public static TcpInfo? Parse(ReadOnlySpan<byte> raw)
    {
        if (raw.Length < MinimumLength)
        {
            return null;
        }

        return new TcpInfo(
            State: raw[0],
            Retransmits: raw[2],
            Options: raw[5],
            RetransmitTimeoutMicroseconds: U32(raw, 8),
            SendMss: U32(raw, 16),
            ReceiveMss: U32(raw, 20),
            Unacked: U32(raw, 24),
            Lost: U32(raw, 32),
            Retrans: U32(raw, 36),
            PathMtu: U32(raw, 60),
            RoundTripMicroseconds: U32(raw, 68),
            AdvertisedMss: U32(raw, 84),
            TotalRetrans: U32(raw, 100),
            BytesAcked: U64(raw, 120),
            BytesReceived: U64(raw, 128),
            NotSentBytes: U32(raw, 144));
    }

    // struct tcp_info is in host byte order.
    private static uint U32(ReadOnlySpan<byte> raw, int offset) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(raw[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(raw[offset..]);

    private static ulong U64(ReadOnlySpan<byte> raw, int offset) =>
        BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(raw[offset..]) : BinaryPrimitives.ReadUInt64BigEndian(raw[offset..]);
}
