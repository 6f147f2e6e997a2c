using Akka.Actor;
using GossipActors.Gossip.Actors;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class GossipMessageQueueTests
{
    [Fact]
    public void Depth_is_what_went_in_and_has_not_come_out_and_the_high_water_mark_keeps_the_deepest()
    {
        var queue = new GossipMessageQueue();
        Assert.False(queue.HasMessages);

        for (var i = 0; i < 4; i++)
        {
            queue.Enqueue(ActorRefs.Nobody, new Envelope(i, ActorRefs.NoSender));
        }

        Assert.True(queue.TryDequeue(out var first));
        Assert.Equal(0, first.Message);
        queue.Enqueue(ActorRefs.Nobody, new Envelope(4, ActorRefs.NoSender));

        Assert.Equal((5, 1, 4, 4), (queue.Enqueued, queue.Dequeued, queue.Depth, queue.Count));
        Assert.Equal(4, queue.HighWaterMark);

        while (queue.TryDequeue(out _))
        {
        }

        Assert.Equal((5, 5, 0, 0), (queue.Enqueued, queue.Dequeued, queue.Depth, queue.Count));
        Assert.False(queue.HasMessages);
        Assert.False(queue.TryDequeue(out _));
        Assert.Equal(5, queue.Dequeued);
        Assert.Equal(4, queue.HighWaterMark);
    }

    [Fact]
    public void Clean_up_hands_what_is_left_to_dead_letters_in_order_and_leaves_depth_zero()
    {
        var queue = new GossipMessageQueue();
        var deadLetters = new GossipMessageQueue();
        queue.Enqueue(ActorRefs.Nobody, new Envelope("a", ActorRefs.NoSender));
        queue.Enqueue(ActorRefs.Nobody, new Envelope("b", ActorRefs.NoSender));

        queue.CleanUp(ActorRefs.Nobody, deadLetters);

        Assert.Equal(0, queue.Depth);
        Assert.Equal(2, queue.Dequeued);
        Assert.True(deadLetters.TryDequeue(out var a));
        Assert.True(deadLetters.TryDequeue(out var b));
        Assert.Equal(("a", "b"), (a.Message, b.Message));
    }

    [Fact]
    public void Producers_on_many_threads_are_all_counted()
    {
        var queue = new GossipMessageQueue();
        const int Producers = 4;
        const int Each = 10_000;

        Parallel.For(0, Producers, new ParallelOptions { MaxDegreeOfParallelism = Producers }, p =>
        {
            for (var i = 0; i < Each; i++)
            {
                queue.Enqueue(ActorRefs.Nobody, new Envelope(i, ActorRefs.NoSender));
            }
        });

        Assert.Equal(Producers * Each, queue.Depth);
        Assert.Equal(Producers * Each, queue.HighWaterMark);
    }
}
