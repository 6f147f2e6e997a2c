using System.Buffers.Binary;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Sockets;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class DiagnosticsTests
{
    private static TcpInfo Sample(ulong acked, uint unacked, uint notSent = 0) =>
        new(1, 0, 1, 200_000, 8949, 536, unacked, 0, 0, 9001, 90, 8949, 3, acked, 100, notSent);

    [Fact]
    public void A_stall_is_reported_once_after_the_timeout_when_earlier_bytes_were_acknowledged()
    {
        var detector = new StallDetector(TimeSpan.FromSeconds(5));
        Assert.Null(detector.Observe(0, Sample(177, 0)));
        Assert.Null(detector.Observe(250, Sample(177, 5)));
        Assert.Null(detector.Observe(5_000, Sample(177, 5)));

        var stall = detector.Observe(5_250, Sample(177, 5));

        Assert.NotNull(stall);
        Assert.Equal(8961, stall.SegmentBytes);
        Assert.Equal(TimeSpan.FromSeconds(5), stall.StalledFor);
        Assert.Null(detector.Observe(6_000, Sample(177, 5)));
    }

    [Fact]
    public void Progress_or_an_idle_socket_restarts_the_clock()
    {
        var detector = new StallDetector(TimeSpan.FromSeconds(5));
        detector.Observe(0, Sample(100, 3));
        detector.Observe(4_000, Sample(200, 3));
        Assert.Null(detector.Observe(8_000, Sample(200, 3)));
        detector.Observe(8_500, Sample(200, 0));
        Assert.Null(detector.Observe(12_000, Sample(200, 0, notSent: 10)));
        Assert.NotNull(detector.Observe(17_500, Sample(200, 0, notSent: 10)));
    }

    [Fact]
    public void Still_quiet_is_what_the_same_quiet_sample_again_would_do_and_needs_a_quiet_last_sample()
    {
        var told = new StallDetector(TimeSpan.FromSeconds(5));
        var sampled = new StallDetector(TimeSpan.FromSeconds(5));
        foreach (var detector in new[] { told, sampled })
        {
            Assert.False(detector.Quiet);
            detector.Observe(0, Sample(300, 2));
            Assert.False(detector.Quiet);
            Assert.Throws<InvalidOperationException>(() => detector.StillQuiet(100));
            detector.Observe(250, Sample(400, 0));
            Assert.True(detector.Quiet);
        }

        told.StillQuiet(9_000);
        sampled.Observe(9_000, Sample(400, 0));
        Assert.Equal(sampled.ProgressAtMs, told.ProgressAtMs);
        Assert.True(told.Quiet);

        // Bytes sent after a quiet spell start a fresh wait for both, from the first sample that shows them.
        Assert.Null(told.Observe(9_250, Sample(400, 4)));
        Assert.Null(told.Observe(14_000, Sample(400, 4)));
        Assert.NotNull(told.Observe(14_250, Sample(400, 4)));
    }

    [Fact]
    public void Nothing_ever_acknowledged_is_an_unreachable_peer_not_a_black_hole()
    {
        var detector = new StallDetector(TimeSpan.FromSeconds(5));
        detector.Observe(0, Sample(0, 1));
        Assert.Null(detector.Observe(60_000, Sample(0, 1)));
    }

    [Fact]
    public void The_finding_reads_like_the_issue()
    {
        var finding = new BlackHoleFinding("10.77.2.2:7000", 8961, 9001, 1422, TimeSpan.FromSeconds(5), 177);
        Assert.Equal(
            "peer 10.77.2.2:7000: writes of 8961-byte segments are not acknowledged while small ones are; the path MTU is probably smaller than this host's interface MTU (9001). Set remote.mtu to the path MTU (for example 1422).",
            finding.ToString());
    }

    [Theory]
    [InlineData(1422, 1422)]
    [InlineData(1280, 1280)]
    [InlineData(9000, 9000)]
    [InlineData(1500, 1500)]
    public void Bisection_finds_the_largest_working_mtu(int pathMtu, int expected)
    {
        var search = new PathMtuSearch(1280, 9001);
        while (!search.IsDone)
        {
            search.Report(search.Candidate, search.Candidate <= pathMtu);
        }

        Assert.Equal(expected, search.Working);
        Assert.InRange(search.Probes, 1, 13);
    }

    [Fact]
    public void Tcp_info_is_parsed_at_the_kernel_offsets()
    {
        var raw = new byte[TcpInfo.MinimumLength];
        raw[2] = 4;
        raw[5] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(16), 8949);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(24), 6);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(60), 9001);
        BinaryPrimitives.WriteUInt64LittleEndian(raw.AsSpan(120), 177);
        BinaryPrimitives.WriteUInt32LittleEndian(raw.AsSpan(144), 38134);

        var info = TcpInfo.Parse(raw)!.Value;

        Assert.Equal((4, 8949u, 6u, 9001u, 177ul, 38134u, 8961), (info.Retransmits, info.SendMss, info.Unacked, info.PathMtu, info.BytesAcked, info.NotSentBytes, info.FullSegmentBytes));
        Assert.Null(TcpInfo.Parse(raw.AsSpan(0, 100)));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_is_capped()
    {
        var random = new Random(6);
        var min = TimeSpan.FromMilliseconds(200);
        var max = TimeSpan.FromSeconds(30);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var delay = Backoff.Delay(attempt, min, max, random);
            var ceiling = Math.Min(max.TotalMilliseconds, 200 * Math.Pow(2, attempt));
            Assert.InRange(delay.TotalMilliseconds, 200, ceiling);
        }

        var late = Enumerable.Range(0, 50).Select(_ => Backoff.Delay(20, min, max, random).TotalMilliseconds).ToList();
        Assert.True(late.Max() - late.Min() > 1000, "delays at the cap must still be jittered");
    }

    [Fact]
    public void Compression_round_trips_and_refuses_a_lying_length()
    {
        var payload = System.Text.Encoding.UTF8.GetBytes(new string('q', 10_000));
        var compressed = MessageCompressor.TryCompress(payload)!;
        Assert.True(compressed.Length < payload.Length / 10);
        Assert.Equal(payload, MessageCompressor.Decompress(compressed, 1 << 20));
        Assert.Null(MessageCompressor.TryCompress(payload.AsSpan(0, 100)));
        var error = Assert.Throws<InvalidDataException>(() => MessageCompressor.Decompress(compressed, 5_000));
        Assert.Contains("declares 10000 bytes, outside 1-5000", error.Message, StringComparison.Ordinal);
    }
}
