namespace GossipActors.Actors.Internal;

/// <summary>Receive timeout: a <see cref="ReceiveTimeout"/> after a quiet period, re-armed by every message.</summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTimer;
    private long _receiveTimeoutGeneration;
    private bool _subscribedToEvents;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } value && value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), value, "Receive timeout must be positive, or null to turn it off");
        }

        _receiveTimeout = timeout;
        ArmReceiveTimeout();
    }

    /// <summary>Remembers that this actor subscribed to the event stream, so stopping unsubscribes it.</summary>
    internal void MarkSubscribedToEvents() => _subscribedToEvents = true;

    private void RestartReceiveTimeout(object processed)
    {
        if (_receiveTimeout is null || _terminating)
        {
            return;
        }

        if (processed is ReceiveTimeoutTick tick && tick.Generation != _receiveTimeoutGeneration)
        {
            return;
        }

        ArmReceiveTimeout();
    }

    private void ArmReceiveTimeout()
    {
        CancelReceiveTimeout();
        if (_receiveTimeout is { } timeout)
        {
            _receiveTimeoutTimer = System.Scheduler.ScheduleTellOnce(timeout, Self, new ReceiveTimeoutTick(_receiveTimeoutGeneration), ActorRefs.NoSender);
        }
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutGeneration++;
        _receiveTimeoutTimer?.Cancel();
        _receiveTimeoutTimer = null;
    }

    /// <summary>True when a tick is current and should reach the actor as <see cref="ReceiveTimeout"/>.</summary>
    private bool AcceptReceiveTimeoutTick(ReceiveTimeoutTick tick) =>
        _receiveTimeout is not null && tick.Generation == _receiveTimeoutGeneration;
}

/// <summary>The scheduled form of <see cref="ReceiveTimeout"/>, stamped so stale ticks are dropped.</summary>
internal sealed class ReceiveTimeoutTick(long generation)
{
    public long Generation { get; } = generation;
}
