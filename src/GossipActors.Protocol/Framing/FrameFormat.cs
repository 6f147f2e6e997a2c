namespace GossipActors.Protocol.Framing;

/// <summary>
/// A frame is: stream id (4 bytes), flags (1 byte), payload length (2 bytes), then on the first frame of a
/// message the message's total length (4 bytes), then the payload. Declaring the total up front lets the
/// receiver refuse an oversized message before buffering any of it.
/// </summary>
public static class FrameFormat
{
    public const int HeaderSize = 7;
    public const int FirstFrameExtra = 4;
    public const int FirstFrameHeaderSize = HeaderSize + FirstFrameExtra;

    public const int Ipv4HeaderSize = 20;
    public const int Ipv6HeaderSize = 40;
    public const int TcpHeaderSize = 20;

    /// <summary>IPv4's minimum MTU every host must accept.</summary>
    public const int MinimumMtu = 576;
    public const int MaximumMtu = 65535;

    /// <summary>
    /// The largest frame (header included) that fits in one IP packet of <paramref name="mtu"/> bytes:
    /// MTU minus the IP header (20 or 40) minus the TCP header (20). Kept at most one segment so that a small
    /// message queued behind a large one waits for at most one segment of it.
    /// </summary>
    public static int MaximumFrameSize(int mtu, bool ipv6)
    {
        if (mtu is < MinimumMtu or > MaximumMtu)
        {
            throw new ArgumentOutOfRangeException(nameof(mtu), mtu, $"remote.mtu {mtu} is outside {MinimumMtu}-{MaximumMtu}");
        }

        var frame = mtu - (ipv6 ? Ipv6HeaderSize : Ipv4HeaderSize) - TcpHeaderSize;
        return Math.Min(frame, HeaderSize + ushort.MaxValue);
    }

    /// <summary>The TCP maximum segment size that makes segments fill exactly an IP packet of <paramref name="mtu"/> bytes.</summary>
    public static int MaximumSegmentSize(int mtu, bool ipv6) =>
        mtu - (ipv6 ? Ipv6HeaderSize : Ipv4HeaderSize) - TcpHeaderSize;
}

[Flags]
public enum FrameFlags : byte
{
    None = 0,
    First = 1,
    Last = 2,

    /// <summary>The message's payload is compressed; set on the first frame.</summary>
    Compressed = 4,
}

/// <summary>
/// How the scheduler treats a message: urgent ones (control, SYN, ACK2, echo, shutdown, anything that fits in
/// one frame) go before the next frame of a bulk one.
/// </summary>
public enum MessagePriority
{
    Urgent,
    Bulk,
}
