using System.Runtime.ExceptionServices;

namespace GossipActors.Actors.Internal;

/// <summary>
/// <c>ReceiveAsync</c>: while a handler's task is pending the actor takes no user messages, and
/// every <c>await</c> continuation runs on the actor (as a system message), so actor state is
/// never touched by two threads.
/// </summary>
internal sealed partial class ActorCell
{
    private Task? _awaitedTask;
    private object? _asyncMessage;
    private IActorRef? _asyncSender;
    private ActorSynchronizationContext? _synchronizationContext;

    internal void RunTask(Func<Task> body)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = body();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            ThrowIfFailed(task);
            return;
        }

        _awaitedTask = task;
        _asyncMessage = _currentMessage;
        _asyncSender = _currentSender;
        task.ContinueWith(
            static (completed, state) => ((ActorCell)state!)._mailbox.PostSystem(new AsyncTaskCompleted(completed)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void ThrowIfFailed(Task task)
    {
        if (task.IsFaulted)
        {
            var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
            ExceptionDispatchInfo.Throw(exception);
        }

        if (task.IsCanceled)
        {
            throw new TaskCanceledException(task);
        }
    }

    private void RunAsyncContinuation(RunContinuation continuation)
    {
        _currentMessage = _asyncMessage;
        _currentSender = _asyncSender;
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void HandleAsyncTaskCompleted(Task task)
    {
        if (!ReferenceEquals(task, _awaitedTask))
        {
            return;
        }

        _awaitedTask = null;
        _currentMessage = _asyncMessage;
        _currentSender = _asyncSender;
        _asyncMessage = null;
        _asyncSender = null;
        try
        {
            ThrowIfFailed(task);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
    }

    /// <summary>Posts continuations back to the actor as system messages.</summary>
    private sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state) =>
            cell._mailbox.PostSystem(new RunContinuation(d, state));

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("Synchronous Send onto an actor would block its only thread");

        public override SynchronizationContext CreateCopy() => this;
    }
}
