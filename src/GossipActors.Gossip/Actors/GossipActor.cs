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

    // Akka's own hook around every user message (timer messages included), so no handler has to count: a receive that
    // returns is processed, one that throws is a failure, counted before Akka's cell hands it to the supervisor.
    protected override bool AroundReceive(Receive receive, object message)
    {
        bool handled;
        try
        {
            handled = base.AroundReceive(receive, message);
        }
        catch
        {
            _counters.CountFailed();
            throw;
        }

        _counters.CountProcessed();
        return handled;
    }
}
