using System.Buffers.Binary;
using System.Diagnostics;

namespace GossipActors.TransportComparison.Measurement;

/// <summary>
/// Messages are plain <c>byte[]</c>, which Akka binds to its ByteArraySerializer (no copy, no encoding), so the
/// figures are the transport's and Akka.Remote's envelope, not a serializer's. A small message carries its send
/// time in its first 8 bytes: both systems are in one process, so one <see cref="Stopwatch"/> clock serves
/// sender and receiver and one-way latency needs no clock synchronisation.
/// </summary>
public static class Payload
{
    public const int TimestampBytes = sizeof(long);

    /// <summary>
    /// A fresh array for every small message: Akka.Remote serializes on its endpoint writer, after <c>Tell</c>
    /// returns, so reusing one array would race with the next stamp.
    /// </summary>
    public static byte[] StampedNow(int size)
    {
        var message = new byte[size];
        BinaryPrimitives.WriteInt64LittleEndian(message, Stopwatch.GetTimestamp());
        return message;
    }

    public static long SentAt(byte[] message) => BinaryPrimitives.ReadInt64LittleEndian(message);
}
