using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using GossipActors.Gossip.Actors;

namespace GossipActors.Hosting.Runtime;

/// <summary>Dead letters counted per actor group of the intended recipient (tpstats' "dropped").</summary>
internal sealed class DeadLetterTally : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _byGroup = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private long _total;

    public DeadLetterTally(ActorSystem system)
    {
        _subscription = EventStreamCallback.Subscribe<DeadLetter>(system, letter =>
        {
            Interlocked.Increment(ref _total);
            Count(GossipTreeStats.PathOf(letter.Recipient.Path));
        });
    }

    public long Total => Interlocked.Read(ref _total);

    public long For(string group) => _byGroup.TryGetValue(group, out var n) ? n : 0;

    public IEnumerable<string> Groups => _byGroup.Keys;

    public void Dispose() => _subscription.Dispose();

    private void Count(string path) => _byGroup.AddOrUpdate(ActorGroups.Of(path), 1, (_, n) => n + 1);
}
