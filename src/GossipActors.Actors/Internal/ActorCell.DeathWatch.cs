namespace GossipActors.Actors.Internal;

/// <summary>
/// Who we watch and who watches us. A watcher hears <see cref="Terminated"/> exactly once per
/// watch: the notification is dropped if the watcher unwatched in the meantime.
/// </summary>
internal sealed partial class ActorCell
{
    private HashSet<InternalActorRef>? _watching;
    private HashSet<InternalActorRef>? _watchedBy;
    private HashSet<InternalActorRef>? _terminatedQueued;

    private void WatchInternal(InternalActorRef subject)
    {
        if (subject.Equals(Self))
        {
            return;
        }

        if ((_watching ??= []).Add(subject))
        {
            subject.SendSystemMessage(new Watch(subject, Self));
        }
    }

    private void UnwatchInternal(InternalActorRef subject)
    {
        if (_watching?.Remove(subject) == true)
        {
            subject.SendSystemMessage(new Unwatch(subject, Self));
        }

        _terminatedQueued?.Remove(subject);
    }

    private void AddWatcher(InternalActorRef watcher)
    {
        if (!watcher.Equals(Self))
        {
            (_watchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(InternalActorRef watcher) => _watchedBy?.Remove(watcher);

    private void HandleDeathWatchNotification(InternalActorRef actor)
    {
        if (_watching?.Remove(actor) != true || _terminating)
        {
            return;
        }

        // Delivered as a user message so it is ordered after what the dead actor sent us before dying.
        (_terminatedQueued ??= []).Add(actor);
        _mailbox.Post(new DeathWatchTerminated(actor), actor);
    }

    private bool AcceptQueuedTerminated(InternalActorRef actor) => _terminatedQueued?.Remove(actor) == true;

    private void StopWatchingOthers()
    {
        if (_watching is null)
        {
            return;
        }

        foreach (var subject in _watching)
        {
            subject.SendSystemMessage(new Unwatch(subject, Self));
        }

        _watching = null;
        _terminatedQueued = null;
    }

    private void NotifyWatchers()
    {
        if (_watchedBy is null)
        {
            return;
        }

        foreach (var watcher in _watchedBy)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self));
        }

        _watchedBy = null;
    }
}

/// <summary>
/// A <see cref="Terminated"/> queued by death watch. Only these are checked against the watch
/// set (dropped after an Unwatch); a Terminated that user code tells or forwards is an ordinary message.
/// </summary>
internal sealed class DeathWatchTerminated(InternalActorRef actor)
{
    public InternalActorRef Actor { get; } = actor;

    public Terminated Terminated { get; } = new(actor);
}
