namespace GossipActors.Actors;

/// <summary>
/// An actor whose behavior is a list of typed handlers, registered in the constructor or inside
/// <see cref="Become"/>. The first handler whose type and predicate match gets the message.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerSet _initial = new();
    private HandlerSet? _building;

    protected ReceiveActor()
    {
        _building = _initial;
    }

    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new TypedHandler<T>(handler, shouldHandle));
    }

    /// <summary>The actor takes no other user message until the returned task completes; awaits resume on the actor.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        Target().Add(new TypedHandler<T>(message => cell.RunTask(() => handler(message)), shouldHandle));
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target().Add(new TypedHandler<object>(handler, null));
    }

    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = Cell;
        Target().Add(new TypedHandler<object>(message => cell.RunTask(() => handler(message)), null));
    }

    /// <summary>Replaces the behavior with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers; <see cref="UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    protected internal sealed override bool Receive(object message) => _initial.Handle(message);

    internal override void OnConstructed()
    {
        _initial.Freeze();
        _building = null;
    }

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var set = new HandlerSet();
        var previous = _building;
        _building = set;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        set.Freeze();
        return set.Handle;
    }

    private HandlerSet Target() =>
        _building ?? throw new InvalidOperationException(
            $"{GetType().Name}: Receive handlers may only be registered in the constructor or inside Become(...)");

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class TypedHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                handler(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class HandlerSet
    {
        private List<Handler>? _adding = [];
        private Handler[] _handlers = [];

        public void Add(Handler handler) =>
            (_adding ?? throw new InvalidOperationException("Handlers cannot be added to a behavior that is already in use"))
                .Add(handler);

        public void Freeze()
        {
            if (_adding is not null)
            {
                _handlers = [.. _adding];
                _adding = null;
            }
        }

        public bool Handle(object message)
        {
            var handlers = _handlers;
            for (var i = 0; i < handlers.Length; i++)
            {
                if (handlers[i].TryHandle(message))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
