using GossipActors.Actors;

namespace GossipActors.TestKit;

/// <summary>The actor behind a probe: records everything it receives, and watches on the probe's behalf.</summary>
internal sealed class ProbeActor(ProbeQueue queue) : UntypedActor
{
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WatchRequest request:
                Context.Watch(request.Subject);
                break;
            case UnwatchRequest request:
                Context.Unwatch(request.Subject);
                break;
            default:
                queue.Add(message, Sender);
                break;
        }
    }
}

internal sealed record WatchRequest(IActorRef Subject);

internal sealed record UnwatchRequest(IActorRef Subject);

/// <summary>Messages a probe received and has not yet been asked about.</summary>
internal sealed class ProbeQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<(object Message, IActorRef Sender)> _messages = new();

    public SemaphoreSlim Signal { get; } = new(0);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public void Add(object message, IActorRef sender)
    {
        lock (_gate)
        {
            _messages.Enqueue((message, sender));
        }

        Signal.Release();
    }

    public bool TryTake(out (object Message, IActorRef Sender) item)
    {
        lock (_gate)
        {
            return _messages.TryDequeue(out item);
        }
    }

    public bool TryPeek(out (object Message, IActorRef Sender) item)
    {
        lock (_gate)
        {
            return _messages.TryPeek(out item);
        }
    }
}
