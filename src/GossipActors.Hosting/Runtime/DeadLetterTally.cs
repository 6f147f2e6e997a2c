using System.Collections.Concurrent;
using GossipActors.Actors;
using GossipActors.Gossip.Actors;

namespace GossipActors.Hosting.Runtime;

/// <summary>Dead letters counted per actor group of the intended recipient (tpstats' "dropped"), from both systems.</summary>
internal sealed class DeadLetterTally : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _byGroup = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private readonly IDisposable _gossipSubscription;
    private long _gossipTotal;

    public DeadLetterTally(ActorSystem system, global::Akka.Actor.ActorSystem gossipSystem)
    {
        _subscription = system.EventStream.Subscribe<DeadLetter>(letter => Count(letter.Recipient.Path.ToString()));
        _gossipSubscription = EventStreamCallback.Subscribe<global::Akka.Event.DeadLetter>(gossipSystem, letter =>
        {
            Interlocked.Increment(ref _gossipTotal);
            Count(GossipTreeStats.PathOf(letter.Recipient.Path));
        });
    }

    /// <summary>Dead letters of the Akka gossip system (the kernel's counts its own).</summary>
    public long GossipTotal => Interlocked.Read(ref _gossipTotal);

    public long For(string group) => _byGroup.TryGetValue(group, out var n) ? n : 0;

    public IEnumerable<string> Groups => _byGroup.Keys;

    public void Dispose()
    {
        _subscription.Dispose();
        _gossipSubscription.Dispose();
    }

    private void Count(string path) => _byGroup.AddOrUpdate(ActorGroups.Of(path), 1, (_, n) => n + 1);
}
