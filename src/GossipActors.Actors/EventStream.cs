using GossipActors.Actors.Internal;

namespace GossipActors.Actors;

/// <summary>
/// System-wide publish/subscribe by type: a subscriber to a type gets every published event that
/// is of that type or derives from it. Actors are unsubscribed automatically when they stop.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private readonly ActorSystem _system;
    private Subscription[] _subscriptions = [];

    internal EventStream(ActorSystem system)
    {
        _system = system;
    }

    /// <summary>Subscribes an actor; false when it already was subscribed to <paramref name="eventType"/>.</summary>
    public bool Subscribe(IActorRef subscriber, Type eventType)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(eventType);
        lock (_gate)
        {
            foreach (var existing in _subscriptions)
            {
                if (existing.Type == eventType && subscriber.Equals(existing.Actor))
                {
                    return false;
                }
            }

            _subscriptions = [.. _subscriptions, new Subscription(eventType, subscriber, null)];
        }

        if (InternalActorRef.Resolve(subscriber) is LocalActorRef local)
        {
            local.Cell.MarkSubscribedToEvents();
        }

        return true;
    }

    /// <summary>Subscribes plain .NET code; dispose the result to unsubscribe. The handler runs on the publisher's thread.</summary>
    public IDisposable Subscribe<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(T), null, message => handler((T)message));
        lock (_gate)
        {
            _subscriptions = [.. _subscriptions, subscription];
        }

        return new Unsubscriber(this, subscription);
    }

    public bool Unsubscribe(IActorRef subscriber, Type eventType) =>
        RemoveWhere(s => s.Type == eventType && subscriber.Equals(s.Actor));

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber) => RemoveWhere(s => subscriber.Equals(s.Actor));

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var type = @event.GetType();
        foreach (var subscription in Volatile.Read(ref _subscriptions))
        {
            if (!subscription.Type.IsAssignableFrom(type))
            {
                continue;
            }

            if (subscription.Actor is { } actor)
            {
                actor.Tell(@event, ActorRefs.NoSender);
                continue;
            }

            try
            {
                subscription.Handler!(@event);
            }
            catch (Exception ex)
            {
                _system.LogSubscriberFault(ex, type);
            }
        }
    }

    private bool RemoveWhere(Predicate<Subscription> match)
    {
        lock (_gate)
        {
            var kept = Array.FindAll(_subscriptions, s => !match(s));
            if (kept.Length == _subscriptions.Length)
            {
                return false;
            }

            _subscriptions = kept;
            return true;
        }
    }

    private sealed record Subscription(Type Type, IActorRef? Actor, Action<object>? Handler);

    private sealed class Unsubscriber(EventStream stream, Subscription subscription) : IDisposable
    {
        public void Dispose() => stream.RemoveWhere(s => ReferenceEquals(s, subscription));
    }
}
