using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Tests.Codec;
using Xunit;
using static GossipActors.Protocol.Tests.Framing.FrameTestHelpers;

namespace GossipActors.Protocol.Tests.Framing;

public sealed class FrameReassemblerTests
{
    [Fact]
    public void Interleaved_messages_are_rebuilt_whatever_the_read_chunking()
    {
        var input = Gen.Choose(1, 40_000).Zip(Gen.Elements(true, false)).ListOf()
            .Zip(Gen.Choose(1, 9000).Zip(Gen.Elements(576, 1280, 1422, 1500, 9001)));
        var property = Prop.ForAll(input.ToArbitrary(), sample =>
        {
            var (messages, (chunk, mtu)) = sample;
            var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(mtu, ipv6: false));
            var sent = new List<byte[]>();
            for (var i = 0; i < messages.Count; i++)
            {
                var (length, urgent) = messages[i];
                var payload = Message(length, i);
                sent.Add(payload);
                scheduler.Enqueue(payload, urgent ? MessagePriority.Urgent : MessagePriority.Bulk, compressed: i % 3 == 0);
            }

            var wire = new ArrayBufferWriter<byte>();
            scheduler.WriteFrames(wire, int.MaxValue);
            var reassembler = new FrameReassembler(1 << 20, 4 << 20);
            var received = new List<ReassembledMessage>();
            for (var offset = 0; offset < wire.WrittenCount; offset += chunk)
            {
                reassembler.Feed(wire.WrittenSpan[offset..Math.Min(wire.WrittenCount, offset + chunk)], received);
            }

            var byContent = received.Select(r => Convert.ToHexString(r.Payload)).Order().ToList();
            var expected = sent.Select(Convert.ToHexString).Order().ToList();
            return byContent.SequenceEqual(expected) && reassembler.BufferedBytes == 0 && reassembler.StreamsInFlight == 0 &&
                   received.All(r => r.Compressed == (sent.FindIndex(s => s.AsSpan().SequenceEqual(r.Payload)) % 3 == 0));
        });
        Check.One(WireGenerators.Deterministic(100), property);
    }

    [Fact]
    public void Continuation_for_an_unknown_stream_names_the_stream_id()
    {
        var error = Feed(RawFrame(7, FrameFlags.Last, 10));
        Assert.Contains("unknown stream id 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void First_frame_out_of_sequence_names_the_id_and_the_expected_one()
    {
        var error = Feed(RawFrame(3, FrameFlags.First | FrameFlags.Last, 10));
        Assert.Contains("stream id 3 is out of order; expected 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_first_frame_for_an_in_flight_stream_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 100), RawFrame(1, FrameFlags.First, 10, totalLength: 100));
        Assert.Contains("stream id 1 is already in flight; expected 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_over_the_maximum_size_is_refused_before_buffering()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 2_000_000));
        Assert.Contains("declares 2000000 bytes, over remote.maximum-message-size (1048576)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Messages_in_flight_over_the_reassembly_limit_are_refused_naming_both_values()
    {
        var reassembler = new FrameReassembler(1 << 20, 100_000);
        var completed = new List<ReassembledMessage>();
        reassembler.Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 60_000), completed);
        var error = Assert.Throws<FramingException>(() => reassembler.Feed(RawFrame(2, FrameFlags.First, 10, totalLength: 50_000), completed));
        Assert.Contains("declares 50000 bytes while messages in flight declare 60000; together over remote.reassembly-buffer-limit (100000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_length_costs_nothing_until_its_bytes_arrive()
    {
        var reassembler = new FrameReassembler(16 << 20, 64 << 20);
        var completed = new List<ReassembledMessage>();
        for (uint id = 1; id <= 4; id++)
        {
            // Four first-frame headers declaring 16 MiB each, and 10 payload bytes of the last one.
            var frame = RawFrame(id, FrameFlags.First, 1000, totalLength: 16 << 20);
            reassembler.Feed(frame.AsSpan(0, id == 4 ? FrameFormat.FirstFrameHeaderSize + 10 : FrameFormat.FirstFrameHeaderSize), completed);
            if (id < 4)
            {
                // Abandon the frame's payload: the next header needs a clean cut, so finish this frame with its bytes.
                reassembler.Feed(frame.AsSpan(FrameFormat.FirstFrameHeaderSize), completed);
            }
        }

        Assert.Equal(4L * (16 << 20), reassembler.DeclaredBytes);
        Assert.True(reassembler.BufferedBytes <= 2 * ((3 * 1000) + 10), $"{reassembler.BufferedBytes} bytes allocated for 3,010 received");
    }

    [Fact]
    public void A_buffer_grows_by_doubling_and_ends_exactly_the_declared_length()
    {
        const int total = 100_000;
        var payload = Message(total, 7);
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1500, ipv6: false));
        scheduler.Enqueue(payload, MessagePriority.Bulk);
        var reassembler = new FrameReassembler(1 << 20, 1 << 20);
        var completed = new List<ReassembledMessage>();
        var received = 0;
        foreach (var frame in DrainFrames(scheduler))
        {
            reassembler.Feed(frame, completed);
            received += frame.Length;
            Assert.True(completed.Count == 1 || reassembler.BufferedBytes <= 2L * received, $"{reassembler.BufferedBytes} allocated after {received} received");
        }

        Assert.Equal(payload, Assert.Single(completed).Payload);
        Assert.Equal(0, reassembler.BufferedBytes);
    }

    [Fact]
    public void The_limit_before_the_handshake_names_its_own_setting_and_is_raised_after()
    {
        var reassembler = new FrameReassembler(16 << 20, 16 * 1024, "remote.unauthenticated-buffer-limit");
        var completed = new List<ReassembledMessage>();
        var error = Assert.Throws<FramingException>(() => reassembler.Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 16 << 20), completed));
        Assert.Contains("together over remote.unauthenticated-buffer-limit (16384)", error.Message, StringComparison.Ordinal);

        var raised = new FrameReassembler(16 << 20, 16 * 1024, "remote.unauthenticated-buffer-limit");
        raised.SetBufferLimit(64 << 20, "remote.reassembly-buffer-limit");
        raised.Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 16 << 20), completed);
        Assert.Equal(1, raised.StreamsInFlight);
    }

    [Fact]
    public void A_frame_trickled_a_byte_a_second_is_found_stalled_at_the_timeout()
    {
        var reassembler = new FrameReassembler(16 << 20, 64 << 20);
        var completed = new List<ReassembledMessage>();
        var frame = RawFrame(1, FrameFlags.First, 1000, totalLength: 16 << 20);
        for (var second = 0; second < 30; second++)
        {
            reassembler.Feed(frame.AsSpan(second, 1), completed, nowMs: second * 1000L);
            Assert.Null(reassembler.FindStalled(second * 1000L, timeoutMs: 30_000));
        }

        var stalled = reassembler.FindStalled(30_000, timeoutMs: 30_000);
        Assert.NotNull(stalled);
        Assert.Contains("frame at byte 0 (stream id 1, ", stalled, StringComparison.Ordinal);
        Assert.Contains("has been incomplete for 30000 ms", stalled, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_never_finished_is_found_stalled()
    {
        var reassembler = new FrameReassembler(16 << 20, 64 << 20);
        reassembler.Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 100).AsSpan(0, 5), [], nowMs: 1000);
        Assert.Null(reassembler.FindStalled(10_999, timeoutMs: 10_000));
        Assert.Contains("frame header at byte 0 (5 of 7 bytes)", reassembler.FindStalled(11_000, timeoutMs: 10_000), StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_in_flight_that_gets_no_frame_is_found_stalled_while_one_that_does_is_not()
    {
        var reassembler = new FrameReassembler(1 << 20, 1 << 20);
        var completed = new List<ReassembledMessage>();
        reassembler.Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 1000), completed, nowMs: 0);
        reassembler.Feed(RawFrame(2, FrameFlags.First, 10, totalLength: 1000), completed, nowMs: 0);
        for (var second = 1; second <= 10; second++)
        {
            // Stream 2 gets a frame every second; stream 1 is never continued.
            reassembler.Feed(RawFrame(2, FrameFlags.None, 10), completed, nowMs: second * 1000L);
            Assert.Null(reassembler.FindStalled(second * 1000L, timeoutMs: 10_001));
        }

        var stalled = reassembler.FindStalled(10_001, timeoutMs: 10_001);
        Assert.Contains("stream id 1 (begun at byte 0, 10 of its declared 1000 bytes received) has had no frame for 10001 ms", stalled, StringComparison.Ordinal);
    }

    [Fact]
    public void The_limit_is_released_when_a_message_completes()
    {
        var reassembler = new FrameReassembler(1 << 20, 1000);
        var completed = new List<ReassembledMessage>();
        for (uint id = 1; id <= 5; id++)
        {
            reassembler.Feed(RawFrame(id, FrameFlags.First | FrameFlags.Last, 900), completed);
        }

        Assert.Equal(5, completed.Count);
        Assert.Equal(0, reassembler.BufferedBytes);
    }

    [Fact]
    public void A_frame_carrying_more_than_the_declared_length_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 15), RawFrame(1, FrameFlags.None, 10));
        Assert.Contains("carries 10 bytes but only 5 of its declared 15 remain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_frame_before_the_declared_length_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 30), RawFrame(1, FrameFlags.Last, 10));
        Assert.Contains("ends after 20 of its declared 30 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_flags_are_refused()
    {
        var error = Feed(RawFrame(1, (FrameFlags)0x41, 10));
        Assert.Contains("unknown flags 0x41", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compressed_flag_on_a_continuation_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 30), RawFrame(1, FrameFlags.Compressed, 10));
        Assert.Contains("compressed flag on a continuation frame of stream id 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_message_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First | FrameFlags.Last, 0, totalLength: 0));
        Assert.Contains("declares an empty message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_continuation_frame_is_refused()
    {
        var error = Feed(RawFrame(1, FrameFlags.First, 10, totalLength: 30), RawFrame(1, FrameFlags.None, 0));
        Assert.Contains("empty continuation frame on stream id 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_say_where_in_the_connection_the_bad_frame_started()
    {
        var error = Feed(RawFrame(1, FrameFlags.First | FrameFlags.Last, 10), RawFrame(9, FrameFlags.Last, 1));
        Assert.StartsWith($"frame at byte {FrameFormat.FirstFrameHeaderSize + 10}:", error.Message, StringComparison.Ordinal);
    }

    private static FramingException Feed(params byte[][] frames)
    {
        var reassembler = new FrameReassembler(1 << 20, 4 << 20);
        var completed = new List<ReassembledMessage>();
        return Assert.Throws<FramingException>(() =>
        {
            foreach (var frame in frames)
            {
                reassembler.Feed(frame, completed);
            }
        });
    }
}
