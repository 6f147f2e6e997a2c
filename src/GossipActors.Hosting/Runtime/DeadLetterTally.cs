using System.Collections.Concurrent;
using GossipActors.Actors;

namespace GossipActors.Hosting.Runtime;

/// <summary>Dead letters counted per actor group of the intended recipient (tpstats' "dropped").</summary>
internal sealed class DeadLetterTally : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _byGroup = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public DeadLetterTally(ActorSystem system)
    {
        _subscription = system.EventStream.Subscribe<DeadLetter>(letter =>
            _byGroup.AddOrUpdate(ActorGroups.Of(letter.Recipient.Path.ToString()), 1, (_, n) => n + 1));
    }

    public long For(string group) => _byGroup.TryGetValue(group, out var n) ? n : 0;

    public IEnumerable<string> Groups => _byGroup.Keys;

    public void Dispose() => _subscription.Dispose();
}
