using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// The user-message queue of every actor of the gossip tree (made by <see cref="GossipMailbox"/>): Akka's unbounded
/// queue plus counts of what went in and came out, from which tpstats reads the mailbox depth. Any thread may
/// enqueue; only the thread running the actor dequeues (Akka runs a mailbox on one thread at a time). The counts
/// are read from any thread, each a moment's value.
/// </summary>
public sealed class GossipMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private readonly ConcurrentQueue<Envelope> _queue = new();
    private long _enqueued;
    private long _dequeued;
    private long _highWaterMark;

    /// <summary>Messages put in the queue since the actor was created (across restarts: the cell keeps its mailbox).</summary>
    public long Enqueued => Volatile.Read(ref _enqueued);

    /// <summary>Messages taken out: run by the actor, or handed to dead letters when it stopped.</summary>
    public long Dequeued => Volatile.Read(ref _dequeued);

    /// <summary>Messages waiting. A message is counted just before it is visible in the queue, so the depth is never negative.</summary>
    public long Depth
    {
        get
        {
            // Dequeued first: it can only grow up to what was enqueued, so reading enqueued after it cannot fall below it.
            var dequeued = Dequeued;
            return Enqueued - dequeued;
        }
    }

    /// <summary>The deepest the queue has been.</summary>
    public long HighWaterMark => Volatile.Read(ref _highWaterMark);

    public bool HasMessages => !_queue.IsEmpty;

    public int Count => (int)Math.Min(Depth, int.MaxValue);

    /// <summary>The queue of an actor whose mailbox is a <see cref="GossipMailbox"/>, or null for any other actor.</summary>
    public static GossipMessageQueue? Of(ICell cell) => (cell as ActorCell)?.Mailbox?.MessageQueue as GossipMessageQueue;

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        var depth = Interlocked.Increment(ref _enqueued) - Volatile.Read(ref _dequeued);
        _queue.Enqueue(envelope);
        RaiseHighWaterMark(depth);
    }

    public bool TryDequeue(out Envelope envelope)
    {
        if (!_queue.TryDequeue(out envelope))
        {
            return false;
        }

        // One consumer at a time, so a plain increment published by a volatile write: no locked instruction per message.
        Volatile.Write(ref _dequeued, _dequeued + 1);
        return true;
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        ArgumentNullException.ThrowIfNull(deadletters);
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }

    // Only a new record pays for a compare-and-swap; every other enqueue reads one field.
    private void RaiseHighWaterMark(long depth)
    {
        var mark = Volatile.Read(ref _highWaterMark);
        while (depth > mark)
        {
            var seen = Interlocked.CompareExchange(ref _highWaterMark, depth, mark);
            if (seen == mark)
            {
                return;
            }

            mark = seen;
        }
    }
}
