using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// A .NET callback on an Akka event stream, which only subscribes <see cref="IActorRef"/>s. The callback is such a
/// ref rather than an actor: it runs on the publisher's thread as the event is published (a handler sees the
/// publisher's state as it was, in order), and it has no mailbox, so nothing of it reaches a dispatcher from Akka's
/// own threads (an actor subscriber is watched by the stream's unsubscriber, which makes seeded runs vary).
/// A handler that throws is logged and does not reach the publishing actor.
/// </summary>
public static class EventStreamCallback
{
    /// <summary>Calls <paramref name="handler"/> with every <typeparamref name="T"/> published on <paramref name="system"/>'s stream until disposed.</summary>
    public static IDisposable Subscribe<T>(ActorSystem system, Action<T> handler, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(handler);
        var provider = ((ExtendedActorSystem)system).Provider;
        var subscriber = new CallbackRef<T>(provider, provider.TempPath(), handler, log ?? NullLogger.Instance);
        system.EventStream.Subscribe(subscriber, typeof(T));
        return new Subscription(system.EventStream, subscriber);
    }

    private sealed class CallbackRef<T>(IActorRefProvider provider, ActorPath path, Action<T> handler, ILogger log) : MinimalActorRef
    {
        public override ActorPath Path { get; } = path;

        public override IActorRefProvider Provider { get; } = provider;

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (message is not T typed)
            {
                return;
            }

            try
            {
                handler(typed);
            }
            catch (Exception error)
            {
                log.LogWarning(error, "an event subscriber for {Type} threw; the event was published anyway", typeof(T).Name);
            }
        }
    }

    private sealed class Subscription(EventStream stream, IActorRef subscriber) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                stream.Unsubscribe(subscriber);
            }
        }
    }
}
