using Akka.Actor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Base of every actor in the gossip tree: Akka timers, an <see cref="ILogger"/> named after the actor's path (Akka's
/// own logging is asynchronous and would reorder lines against the gossip they describe), the tpstats counters, which
/// Akka does not keep (processed and failed messages, counted around each receive), and handlers registered by message
/// type as on Akka's <see cref="ReceiveActor"/>.
/// </summary>
/// <remarks>
/// Not a <see cref="ReceiveActor"/>: Akka builds a ReceiveActor's dispatch by compiling an expression tree, which a
/// natively compiled node can only interpret, through reflection, on every message (a sixth of an idle native node's
/// CPU; docs/performance.md, "A native node"). Here a message goes to the first handler registered for its type or a
/// base of it, in registration order, as Akka's does.
/// </remarks>
public abstract class GossipActor : UntypedActor, IWithTimers
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly GossipActorCounters _counters;
    private ILogger? _log;
    private Handlers _handlers = new();

    protected GossipActor(ILoggerFactory? loggerFactory)
    {
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        // Keyed on the cell, which outlives restarts, so a restarted actor keeps counting where it was.
        _counters = GossipActorCounters.Of(Context);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected ILogger Log => _log ??= _loggerFactory.CreateLogger(Self.Path.ToStringWithoutAddress());

    /// <summary>Handles messages of type <typeparamref name="T"/> (and its subtypes) in the current behaviour.</summary>
    protected void Receive<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(typeof(T), message => handler((T)message));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> with an asynchronous handler; like Akka's ReceiveAsync, the
    /// actor takes no other message until the handler's task has completed.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(typeof(T), message => RunTask(() => handler((T)message)));
    }

    /// <summary>Replaces the current behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _handlers;
        _handlers = new Handlers();
        try
        {
            configure();
        }
        catch
        {
            _handlers = previous;
            throw;
        }
    }

    protected override void OnReceive(object message)
    {
        if (_handlers.For(message.GetType()) is { } handler)
        {
            handler(message);
        }
        else
        {
            Unhandled(message);
        }
    }

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

    /// <summary>One behaviour: handlers in registration order, and which one each message type resolved to.</summary>
    private sealed class Handlers
    {
        private readonly List<(Type Type, Action<object> Handle)> _ordered = [];
        private readonly Dictionary<Type, Action<object>?> _resolved = [];

        public void Add(Type type, Action<object> handle)
        {
            _ordered.Add((type, handle));
            _resolved.Clear();
        }

        public Action<object>? For(Type messageType)
        {
            if (!_resolved.TryGetValue(messageType, out var handle))
            {
                handle = _ordered.Find(h => h.Type.IsAssignableFrom(messageType)).Handle;
                _resolved[messageType] = handle;
            }

            return handle;
        }
    }
}
