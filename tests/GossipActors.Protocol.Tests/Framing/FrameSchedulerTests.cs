using GossipActors.Protocol.Framing;
using Xunit;
using static GossipActors.Protocol.Tests.Framing.FrameTestHelpers;

namespace GossipActors.Protocol.Tests.Framing;

public sealed class FrameSchedulerTests
{
    [Theory]
    [InlineData(1500, false, 1460)]
    [InlineData(1500, true, 1440)]
    [InlineData(9001, false, 8961)]
    [InlineData(1422, false, 1382)]
    [InlineData(1280, true, 1220)]
    public void Frame_size_is_mtu_minus_ip_and_tcp_headers(int mtu, bool ipv6, int expected)
    {
        Assert.Equal(expected, FrameFormat.MaximumFrameSize(mtu, ipv6));
    }

    [Theory]
    [InlineData(575)]
    [InlineData(65536)]
    [InlineData(0)]
    public void Mtu_outside_the_valid_range_is_refused_naming_the_value(int mtu)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => FrameFormat.MaximumFrameSize(mtu, ipv6: false));
        Assert.Contains($"remote.mtu {mtu}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_frame_exceeds_the_frame_size()
    {
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1422, ipv6: false));
        scheduler.Enqueue(Message(37 * 1024, 1), MessagePriority.Bulk);
        scheduler.Enqueue(Message(100, 2), MessagePriority.Urgent);
        var frames = DrainFrames(scheduler);
        Assert.All(frames, frame => Assert.InRange(frame.Length, 1, 1382));
        Assert.Equal(1382, frames.Max(f => f.Length));
    }

    [Fact]
    public void A_syn_queued_behind_a_37_kilobyte_ack_goes_out_in_the_next_frame()
    {
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1500, ipv6: false));
        scheduler.Enqueue(Message(37 * 1024, 1), scheduler.Classify(37 * 1024, control: false));
        var ackFirst = NextFrame(scheduler);
        scheduler.Enqueue(Message(60, 2), scheduler.Classify(60, control: true));

        var next = NextFrame(scheduler);

        Assert.Equal(1u, StreamId(ackFirst));
        Assert.Equal(2u, StreamId(next));
        Assert.Equal(FrameFlags.First | FrameFlags.Last, Flags(next));
        Assert.True(scheduler.HasPending);
    }

    [Fact]
    public void Without_interleaving_the_syn_waits_for_the_whole_ack()
    {
        var scheduler = new FrameScheduler(1460, interleave: false);
        scheduler.Enqueue(Message(37 * 1024, 1), MessagePriority.Bulk);
        NextFrame(scheduler);
        scheduler.Enqueue(Message(60, 2), MessagePriority.Urgent);
        var frames = DrainFrames(scheduler);
        Assert.Equal(2u, StreamId(frames[^1]));
        Assert.All(frames[..^1], f => Assert.Equal(1u, StreamId(f)));
    }

    [Fact]
    public void Bulk_messages_take_turns_frame_by_frame()
    {
        var scheduler = new FrameScheduler(1460);
        scheduler.Enqueue(Message(5000, 1), MessagePriority.Bulk);
        scheduler.Enqueue(Message(5000, 2), MessagePriority.Bulk);
        var ids = DrainFrames(scheduler).Select(StreamId).Take(6).ToArray();
        Assert.Equal(new uint[] { 1, 2, 1, 2, 1, 2 }, ids);
    }

    [Fact]
    public void A_flood_of_urgent_messages_still_lets_a_bulk_frame_through()
    {
        var scheduler = new FrameScheduler(1460);
        scheduler.Enqueue(Message(10_000, 1), MessagePriority.Bulk);
        for (var i = 0; i < 40; i++)
        {
            scheduler.Enqueue(Message(50, 100 + i), MessagePriority.Urgent);
        }

        var frames = DrainFrames(scheduler);
        var firstBulk = frames.FindIndex(f => f.Length > 1000);
        Assert.Equal(FrameScheduler.MaximumUrgentRun, firstBulk);
    }

    [Fact]
    public void Stream_ids_follow_the_order_first_frames_are_sent_not_enqueue_order()
    {
        var scheduler = new FrameScheduler(1460);
        scheduler.Enqueue(Message(3000, 1), MessagePriority.Bulk);
        scheduler.Enqueue(Message(10, 2), MessagePriority.Urgent);
        var frames = DrainFrames(scheduler);
        var firstFrames = frames.Where(f => Flags(f).HasFlag(FrameFlags.First)).ToList();
        Assert.Equal(10 + FrameFormat.FirstFrameHeaderSize, firstFrames[0].Length);
        Assert.Equal(new uint[] { 1, 2 }, firstFrames.Select(StreamId).ToArray());
    }

    [Fact]
    public void Classification_marks_control_and_single_frame_messages_urgent()
    {
        var scheduler = new FrameScheduler(1460);
        Assert.Equal(MessagePriority.Urgent, scheduler.Classify(1449, control: false));
        Assert.Equal(MessagePriority.Bulk, scheduler.Classify(1450, control: false));
        Assert.Equal(MessagePriority.Urgent, scheduler.Classify(50_000, control: true));
    }

    [Fact]
    public void Compressed_flag_rides_on_the_first_frame_only()
    {
        var scheduler = new FrameScheduler(1460);
        scheduler.Enqueue(Message(3000, 1), MessagePriority.Bulk, compressed: true);
        var frames = DrainFrames(scheduler);
        Assert.True(Flags(frames[0]).HasFlag(FrameFlags.Compressed));
        Assert.All(frames.Skip(1), f => Assert.False(Flags(f).HasFlag(FrameFlags.Compressed)));
    }

    [Fact]
    public void Empty_messages_cannot_be_enqueued()
    {
        Assert.Throws<ArgumentException>(() => new FrameScheduler(1460).Enqueue(ReadOnlyMemory<byte>.Empty, MessagePriority.Urgent));
    }
}
