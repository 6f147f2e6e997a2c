namespace GossipActors.Actors.Internal;

/// <summary>
/// Kernel-to-kernel messages that jump the user queue. Each instance is queued once: the mailbox
/// links them through <see cref="Next"/> instead of allocating queue nodes.
/// </summary>
internal abstract class SystemMessage
{
    internal SystemMessage? Next;
}

internal sealed class Create : SystemMessage;

internal sealed class Terminate : SystemMessage;

internal sealed class Resume : SystemMessage;

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class Failed(InternalActorRef child, long childUid, Exception cause) : SystemMessage
{
    public InternalActorRef Child { get; } = child;

    public long ChildUid { get; } = childUid;

    public Exception Cause { get; } = cause;
}

internal sealed class ChildTerminated(InternalActorRef child) : SystemMessage
{
    public InternalActorRef Child { get; } = child;
}

internal sealed class Watch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(InternalActorRef watchee, InternalActorRef watcher) : SystemMessage
{
    public InternalActorRef Watchee { get; } = watchee;

    public InternalActorRef Watcher { get; } = watcher;
}

internal sealed class DeathWatchNotification(InternalActorRef actor) : SystemMessage
{
    public InternalActorRef Actor { get; } = actor;
}

/// <summary>Runs an <c>await</c> continuation of a <c>ReceiveAsync</c> handler on the actor.</summary>
internal sealed class RunContinuation(SendOrPostCallback callback, object? state) : SystemMessage
{
    public SendOrPostCallback Callback { get; } = callback;

    public object? State { get; } = state;
}

/// <summary>The task of a <c>ReceiveAsync</c> handler finished; user messages may flow again.</summary>
internal sealed class AsyncTaskCompleted(Task task) : SystemMessage
{
    public Task Task { get; } = task;
}
