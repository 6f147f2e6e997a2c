namespace GossipActors.Actors.Internal;

/// <summary>
/// Base of every ref the kernel creates: adds the system-message channel that supervision and
/// death watch use, and the path+uid identity.
/// </summary>
internal abstract class InternalActorRef : IActorRef
{
    protected InternalActorRef(ActorPath path, long uid)
    {
        Path = path;
        Uid = uid;
    }

    public ActorPath Path { get; }

    /// <summary>Tells incarnations at the same path apart.</summary>
    public long Uid { get; }

    public abstract void Tell(object message, IActorRef? sender = null);

    /// <summary>
    /// Delivers a system message. The default behaves like a dead actor: a watch request is
    /// answered at once with a death notification, everything else is dropped.
    /// </summary>
    internal virtual void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }

    public bool Equals(IActorRef? other) =>
        Resolve(other) is InternalActorRef that && that.Uid == Uid && that.Path.Equals(Path);

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Uid);

    public override string ToString() => Path.ToString();

    /// <summary>Unwraps refs that stand for a kernel ref (a TestProbe) so identity and watch work on them.</summary>
    internal static IActorRef? Resolve(IActorRef? actorRef) =>
        actorRef is IActorRefWrapper wrapper ? wrapper.Underlying : actorRef;

    internal static InternalActorRef Require(IActorRef actorRef, string what) =>
        Resolve(actorRef) as InternalActorRef
        ?? throw new ArgumentException($"{what}: [{actorRef.Path}] is not a ref created by a GossipActors actor system", nameof(actorRef));
}

/// <summary>Implemented by objects that are usable as a ref but delegate to a kernel ref (TestProbe).</summary>
internal interface IActorRefWrapper
{
    IActorRef Underlying { get; }
}
