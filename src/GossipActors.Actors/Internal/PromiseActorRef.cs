namespace GossipActors.Actors.Internal;

/// <summary>
/// A one-shot temporary ref (<c>/temp/...</c>) that completes a task with the first message it
/// gets, or with <see cref="Terminated"/> when an actor it watches stops.
/// </summary>
internal sealed class PromiseActorRef : InternalActorRef
{
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ICancelable? _timeout;

    public PromiseActorRef(ActorSystem system, string prefix)
        : base(system.NextTempPath(prefix), system.NextUid())
    {
    }

    public Task<object> Task => _completion.Task;

    public void SetTimeout(ICancelable timeout)
    {
        _timeout = timeout;
        if (_completion.Task.IsCompleted)
        {
            timeout.Cancel();
        }
    }

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var completed = message is Status.Failure failure
            ? _completion.TrySetException(failure.Cause)
            : _completion.TrySetResult(message);
        if (completed)
        {
            _timeout?.Cancel();
        }
    }

    public bool TryFail(Exception exception) => _completion.TrySetException(exception);

    internal override void SendSystemMessage(SystemMessage message)
    {
        if (message is DeathWatchNotification notification)
        {
            Tell(new Terminated(notification.Actor));
        }
        else
        {
            base.SendSystemMessage(message);
        }
    }
}
