using System.Runtime.CompilerServices;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Base of every actor in the gossip tree: Akka timers, an <see cref="ILogger"/> named after the actor's path (Akka's
/// own logging is asynchronous and would reorder lines against the gossip they describe), and the tpstats counters,
/// which Akka does not keep: processed and failed messages, counted around each receive.
/// </summary>
public abstract class GossipActor : ReceiveActor, IWithTimers
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly GossipActorCounters _counters;
    private ILogger? _log;

    protected GossipActor(ILoggerFactory? loggerFactory)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        // Keyed on the cell, which outlives restarts, so a restarted actor keeps counting where it was.
        _counters = GossipActorCounters.Of(Context);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILogger Log => _log ??= _loggerFactory.CreateLogger(Self.Path.ToStringWithoutAddress());

    protected override bool AroundReceive(Receive receive, object message)
    {
        try
        {
            var handled = base.AroundReceive(receive, message);
            Interlocked.Increment(ref _counters.ProcessedCount);
            return handled;
        }
        catch
        {
            Interlocked.Increment(ref _counters.FailedCount);
            throw;
        }
    }
}

/// <summary>One actor's message counters for tpstats, alive as long as its Akka cell (across restarts).</summary>
public sealed class GossipActorCounters
{
    private static readonly ConditionalWeakTable<object, GossipActorCounters> ByCell = [];

    internal long ProcessedCount;
    internal long FailedCount;

    public long Processed => Interlocked.Read(ref ProcessedCount);

    public long Failed => Interlocked.Read(ref FailedCount);

    internal static GossipActorCounters Of(IActorContext cell) => ByCell.GetValue(cell, static _ => new GossipActorCounters());

    /// <summary>The counters of a live actor of the gossip tree, or null for any other actor.</summary>
    public static GossipActorCounters? Find(object cell) => ByCell.TryGetValue(cell, out var counters) ? counters : null;
}
