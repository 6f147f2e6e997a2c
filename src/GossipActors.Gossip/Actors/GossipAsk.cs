using Akka.Actor;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Asks an actor and completes the returned task on the thread that replies, mapping the reply there. Akka's own
/// <c>Ask&lt;T&gt;</c> completes its typed task one thread-pool hop later, so a caller watching <c>IsCompleted</c>
/// (a deterministic test moving virtual time until it flips) could see time run on past the reply. Continuations
/// still run asynchronously: nothing of the caller's runs inside the replying actor's turn. The timeout runs on the
/// system's scheduler, so it is virtual where the scheduler is.
/// </summary>
internal static class GossipAsk
{
    public static Task<TResult> Ask<TReply, TResult>(ActorSystem system, IActorRef target, object message, TimeSpan timeout, Func<TReply, TResult> map)
    {
        var provider = ((ExtendedActorSystem)system).Provider;
        var reply = new ReplyRef<TReply, TResult>(provider, provider.TempPath(), map);
        provider.RegisterTempActor(reply, reply.Path);
        var expiry = new Cancelable(system.Scheduler);
        reply.Expiry = expiry;
        system.Scheduler.Advanced.ScheduleOnce(
            timeout,
            // A TimeoutException, as IGossipCluster's asks have always failed (Akka's AskTimeoutException is not one).
            () => reply.Fail(new TimeoutException($"{target.Path} did not answer {message.GetType().Name} within {timeout}")),
            expiry);
        target.Tell(message, reply);
        return reply.Task;
    }

    /// <summary>
    /// Two asks in a row, the second sent from the thread that received the first reply, and the result completed on
    /// the thread that received the second: no thread-pool hop anywhere (an awaited first ask, or Unwrap, adds one).
    /// </summary>
    public static Task<TResult> Ask<TFirst, TSecond, TResult>(
        ActorSystem system, IActorRef target, object first, object second, TimeSpan timeout, Func<TFirst, TSecond, TResult> combine)
    {
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        Ask<TFirst, bool>(system, target, first, timeout, firstReply =>
        {
            Ask<TSecond, bool>(system, target, second, timeout, secondReply => result.TrySetResult(combine(firstReply, secondReply)))
                .ContinueWith(failed => result.TrySetException(failed.Exception!.InnerExceptions), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return true;
        }).ContinueWith(failed => result.TrySetException(failed.Exception!.InnerExceptions), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return result.Task;
    }

    public static Task<T> Ask<T>(ActorSystem system, IActorRef target, object message, TimeSpan timeout) =>
        Ask<T, T>(system, target, message, timeout, static reply => reply);

    private sealed class ReplyRef<TReply, TResult>(IActorRefProvider provider, ActorPath path, Func<TReply, TResult> map) : MinimalActorRef
    {
        private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ActorPath Path { get; } = path;

        public override IActorRefProvider Provider { get; } = provider;

        public ICancelable? Expiry { get; set; }

        public Task<TResult> Task => _result.Task;

        public void Fail(Exception error)
        {
            if (_result.TrySetException(error))
            {
                Done();
            }
        }

        protected override void TellInternal(object message, IActorRef sender)
        {
            if (_result.Task.IsCompleted)
            {
                return;
            }

            switch (message)
            {
                case TReply reply:
                    try
                    {
                        _result.TrySetResult(map(reply));
                    }
                    catch (Exception error)
                    {
                        _result.TrySetException(error);
                    }

                    break;
                case Status.Failure failure:
                    _result.TrySetException(failure.Cause);
                    break;
                default:
                    _result.TrySetException(new InvalidOperationException($"expected a {typeof(TReply).Name} in reply, got {message.GetType().Name}"));
                    break;
            }

            Done();
        }

        private void Done()
        {
            Expiry?.Cancel();
            Provider.UnregisterTempActor(Path);
        }
    }
}
