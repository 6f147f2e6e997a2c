using System.Runtime.CompilerServices;
using Akka.Actor;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// One actor's processed and failed messages for tpstats, counted by <see cref="GossipActor"/> around each receive
/// (Akka keeps neither). Alive as long as the actor's Akka cell, so a restarted actor keeps counting where it was.
/// Written by the actor only; read from any thread.
/// </summary>
public sealed class GossipActorCounters
{
    private static readonly ConditionalWeakTable<object, GossipActorCounters> ByCell = [];

    private long _processed;
    private long _failed;

    /// <summary>Messages the actor's receive returned from, handled or not.</summary>
    public long Processed => Volatile.Read(ref _processed);

    /// <summary>Messages whose receive threw: each one Akka hands to the supervisor as a failure.</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>The counters of a live actor of the gossip tree, or null for any other actor.</summary>
    public static GossipActorCounters? Find(object cell) => ByCell.TryGetValue(cell, out var counters) ? counters : null;

    internal static GossipActorCounters Of(IActorContext cell) => ByCell.GetValue(cell, static _ => new GossipActorCounters());

    // Only the actor writes, one message at a time: a volatile write publishes the count without a locked instruction.
    internal void CountProcessed() => Volatile.Write(ref _processed, _processed + 1);

    internal void CountFailed() => Volatile.Write(ref _failed, _failed + 1);
}
