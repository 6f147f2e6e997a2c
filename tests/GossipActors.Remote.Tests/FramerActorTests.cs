using System.Buffers;
using System.Buffers.Binary;
using Akka.Actor;
using GossipActors.Protocol.Framing;
using GossipActors.Remote.Actors;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>The framer alone, on Akka's TestKit: a probe plays the socket pump and the owner.</summary>
public sealed class FramerActorTests : global::Akka.TestKit.Xunit2.TestKit
{
    private const string Peer = "10.77.2.2:7000";
    private static readonly int FrameSize = FrameFormat.MaximumFrameSize(1500, ipv6: false);

    [Fact]
    public void A_small_urgent_message_overtakes_a_37_kilobyte_bulk_one_in_frames_no_larger_than_the_mtu_allows()
    {
        var pump = CreateTestProbe("pump");
        var owner = CreateTestProbe("owner");
        var link = new object();
        var framer = Sys.ActorOf(Props.Create(() => new FramerActor(owner, FramerActor.DefaultBatchBytes)), "framer");
        var bulk = Payload(37 * 1024, 0xB0);
        var small = Payload(200, 0x5A);

        framer.Tell(new AttachFraming(link, Peer, new FrameScheduler(FrameSize), new ProbeWriter(pump)));
        framer.Tell(new FrameOutgoing(link, bulk, Control: false, Compressed: false, Tag: "ack"));
        framer.Tell(new FrameOutgoing(link, small, Control: true, Compressed: false, Tag: "syn"));

        var receiver = new FrameReassembler(1 << 24, 1 << 26);
        var completedPayloads = new List<byte[]>();
        var completedTags = new List<object>();
        var framesBeforeSmall = 0;
        var frames = 0;
        while (completedTags.Count < 2)
        {
            var batch = pump.ExpectMsg<FrameBatch>();
            Assert.Same(link, batch.Link);
            var bytes = batch.Bytes.ToArray();
            var sizes = FrameSizes(bytes);
            Assert.Equal(batch.Frames, sizes.Count);
            Assert.All(sizes, size => Assert.InRange(size, FrameFormat.HeaderSize + 1, FrameSize));
            var offset = 0;
            foreach (var size in sizes)
            {
                var completed = new List<ReassembledMessage>();
                receiver.Feed(bytes.AsSpan(offset, size), completed);
                offset += size;
                frames++;
                completedPayloads.AddRange(completed.Select(c => c.Payload));
                if (completedPayloads.Count == 0)
                {
                    framesBeforeSmall = frames;
                }
            }

            completedTags.AddRange(batch.CompletedTags);
            framer.Tell(new FramesWritten(link));
        }

        Assert.Equal(["syn", "ack"], completedTags);
        Assert.Equal(small, completedPayloads[0]);
        Assert.Equal(bulk, completedPayloads[1]);
        Assert.True(framesBeforeSmall > 0, "the bulk message had started before the small one was queued");
        Assert.True(frames >= (bulk.Length / FrameSize) + 2, $"{frames} frames for a 37 KB and a 200-byte message");
        pump.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        owner.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Batches_reuse_one_buffer_per_connection_and_the_next_is_cut_only_after_the_last_is_written()
    {
        var pump = CreateTestProbe("pump");
        var owner = CreateTestProbe("owner");
        var link = new object();
        var framer = Sys.ActorOf(Props.Create(() => new FramerActor(owner, FramerActor.DefaultBatchBytes)), "framer");
        framer.Tell(new AttachFraming(link, Peer, new FrameScheduler(FrameSize), new ProbeWriter(pump)));
        framer.Tell(new FrameOutgoing(link, Payload(3 * FramerActor.DefaultBatchBytes, 7), Control: false, Compressed: false, Tag: "bulk"));

        var first = pump.ExpectMsg<FrameBatch>();
        var firstBytes = first.Bytes.ToArray();
        pump.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        framer.Tell(new FramesWritten(link));
        var second = pump.ExpectMsg<FrameBatch>();

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(first.Bytes, out var a));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(second.Bytes, out var b));
        Assert.Same(a.Array, b.Array);
        Assert.NotEqual(firstBytes, second.Bytes.ToArray());
    }

    [Fact]
    public void A_message_for_a_connection_the_framer_does_not_know_is_reported_and_the_next_connection_is_served()
    {
        var pump = CreateTestProbe("pump");
        var owner = CreateTestProbe("owner");
        var stale = new object();
        var framer = Sys.ActorOf(Props.Create(() => new FramerActor(owner, FramerActor.DefaultBatchBytes)), "framer");

        framer.Tell(new FrameOutgoing(stale, Payload(100, 1), Control: true, Compressed: false, Tag: null));
        var failed = owner.ExpectMsg<FramingFailed>();
        Assert.Same(stale, failed.Link);
        Assert.Contains("no framing state", failed.Reason, StringComparison.Ordinal);

        var next = new object();
        framer.Tell(new AttachFraming(next, Peer, new FrameScheduler(FrameSize), new ProbeWriter(pump)));
        framer.Tell(new FrameOutgoing(next, Payload(100, 3), Control: true, Compressed: false, Tag: "echo"));
        Assert.Equal(["echo"], pump.FishForMessage<FrameBatch>(b => ReferenceEquals(b.Link, next)).CompletedTags);
    }

    private static byte[] Payload(int length, byte fill)
    {
        var payload = new byte[length];
        for (var i = 0; i < length; i++)
        {
            payload[i] = (byte)(fill + i);
        }

        return payload;
    }

    /// <summary>The size of every frame in a batch, read from the frame headers.</summary>
    private static List<int> FrameSizes(byte[] bytes)
    {
        var sizes = new List<int>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var first = ((FrameFlags)bytes[offset + 4]).HasFlag(FrameFlags.First);
            var payload = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset + 5));
            var size = (first ? FrameFormat.FirstFrameHeaderSize : FrameFormat.HeaderSize) + payload;
            sizes.Add(size);
            offset += size;
        }

        Assert.Equal(bytes.Length, offset);
        return sizes;
    }

    private sealed class ProbeWriter(IActorRef pump) : IFrameWriter
    {
        public void Write(FrameBatch batch) => pump.Tell(batch, ActorRefs.NoSender);
    }
}
