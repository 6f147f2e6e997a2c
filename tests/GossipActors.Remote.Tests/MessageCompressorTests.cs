using System.Text;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>Decompression takes the sender's declared length as an upper bound, never as an allocation size.</summary>
public sealed class MessageCompressorTests
{
    /// <summary>
    /// The payload of a compressed frame that afl-fuzz found (frames target): it declares 198,345 bytes
    /// (0x000306C9) and is not valid Brotli. Decompressing it allocated the whole declared length before failing.
    /// </summary>
    private static readonly byte[] FuzzedCorruptPayload = Convert.FromHexString(
        "000306C90B64030080AAAAAA201FCDDCDDDCCCDD8F7E73003FFB4941D57C07F08B813BF86905377300073FDBD93EFD72" +
        "BD0EACD164624D5D76C979AAE1ABBFFFFFFF7FCDEFE66180E1E207C00003C496904DBB61F45B0C35D0EFD90033942986" +
        "1852488B2F32C3F19A23BF9CF1EAFDC775D35EB45DD37DDA5D6D8FE7FBDEDC6EAD0755A693184A9EE027DEFA35355A99" +
        "BA3EFD72BD0EACD164624D1D76E679AAE7BC454F2636E42196D2B1258FB0928E1DB9402D1D7B111827E938904B5CA5E3" +
        "48543F");

    [Fact]
    public void A_corrupt_message_declaring_a_large_length_is_refused_without_allocating_that_length()
    {
        Assert.Equal(198_345, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(FuzzedCorruptPayload));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(FuzzedCorruptPayload, 256 * 1024));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("does not decompress to its declared 198345 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 32 * 1024, $"refusing {FuzzedCorruptPayload.Length} corrupt bytes allocated {allocated} bytes");
    }

    [Fact]
    public void A_small_message_declaring_the_maximum_is_refused_without_allocating_it()
    {
        var lying = new byte[] { 0x01, 0x00, 0x00, 0x00, 0x0B, 0x64, 0x03, 0x00 };
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(lying, 16 * 1024 * 1024));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 32 * 1024);
    }

    [Fact]
    public void Output_that_outgrows_the_first_buffer_many_times_round_trips()
    {
        var payload = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"state-{i % 97};")));
        var compressed = MessageCompressor.TryCompress(payload)!;
        Assert.True(compressed.Length * 50 < payload.Length, "the test needs output far larger than the first buffer");

        Assert.Equal(payload, MessageCompressor.Decompress(compressed, payload.Length));
    }

    [Fact]
    public void Output_longer_or_shorter_than_declared_is_refused()
    {
        var payload = Encoding.UTF8.GetBytes(new string('q', 10_000));
        var compressed = MessageCompressor.TryCompress(payload)!;

        var shorter = (byte[])compressed.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(shorter, 9_999);
        var over = Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(shorter, 1 << 20));
        Assert.Contains("more than its declared 9999 bytes", over.Message, StringComparison.Ordinal);

        var longer = (byte[])compressed.Clone();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(longer, 10_001);
        var under = Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(longer, 1 << 20));
        Assert.Contains("does not decompress to its declared 10001 bytes", under.Message, StringComparison.Ordinal);

        var trailing = compressed.Concat(new byte[] { 1, 2, 3 }).ToArray();
        var extra = Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(trailing, 1 << 20));
        Assert.Contains("compressed bytes left over", extra.Message, StringComparison.Ordinal);
    }
}
