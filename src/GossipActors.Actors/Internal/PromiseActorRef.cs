namespace GossipActors.Actors.Internal;

/// <summary>
/// A one-shot temporary ref (<c>/temp/...</c>) that completes a task from the first message it
/// gets (a watched actor's death arrives as <see cref="Terminated"/>). The result is converted
/// right here, so the task is complete as soon as the reply is told, on any dispatcher.
/// </summary>
internal sealed class PromiseActorRef<T> : InternalActorRef
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<object, T> _convert;
    private ICancelable? _timeout;

    public PromiseActorRef(ActorSystem system, string prefix, Func<object, T> convert)
        : base(system.NextTempPath(prefix), system.NextUid())
    {
        _convert = convert;
    }

    public Task<T> Task => _completion.Task;

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
        if (_completion.Task.IsCompleted)
        {
            return;
        }

        bool completed;
        if (message is Status.Failure failure)
        {
            completed = _completion.TrySetException(failure.Cause);
        }
        else
        {
            try
            {
                completed = _completion.TrySetResult(_convert(message));
            }
            catch (Exception ex)
            {
                completed = _completion.TrySetException(ex);
            }
        }

        if (completed)
        {
            _timeout?.Cancel();
        }
    }

    public bool TryFail(Exception exception) => _completion.TrySetException(exception);

    public bool TryComplete(T result) => _completion.TrySetResult(result);

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
