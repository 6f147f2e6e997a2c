
namespace GossipActors.Actors.Internal;

/// <summary>Children: creation with name checks, stopping, and the bookkeeping supervision needs.</summary>
internal sealed partial class ActorCell
{
    // Children are created from any thread for top-level actors (system.ActorOf), so every access
    // to the container takes this lock; it is uncontended on the hot path.
    private readonly Lock _childrenLock = new();
    private Dictionary<string, ChildEntry>? _children;
    private int _stoppingChildren;
    private long _nextChildNameNumber;

    IEnumerable<IActorRef> IActorContext.Children => ChildrenSnapshot();

    internal LocalActorRef[] ChildrenSnapshot()
    {
        lock (_childrenLock)
        {
            if (_children is null || _children.Count == 0)
            {
                return [];
            }

            var refs = new LocalActorRef[_children.Count];
            var i = 0;
            foreach (var entry in _children.Values)
            {
                refs[i++] = entry.Ref;
            }

            return refs;
        }
    }

    public IActorRef Child(string name)
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.TryGetValue(name, out var entry) && !entry.Stopping
                ? entry.Ref
                : ActorRefs.Nobody;
        }
    }

    /// <summary>Thread-safe for guardians; creates, registers and starts a child.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null)
        {
            ActorNames.Validate(name, Self.Path);
        }

        LocalActorRef child;
        lock (_childrenLock)
        {
            if (_terminating)
            {
                throw new InvalidOperationException(
                    $"Cannot create child [{name ?? "(generated)"}] under [{Self.Path}]: the parent is stopping");
            }

            _children ??= new Dictionary<string, ChildEntry>(StringComparer.Ordinal);
            name ??= ActorNames.Generate(++_nextChildNameNumber);
            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException(
                    $"Actor name [{name}] is not unique under parent [{Self.Path}]: a child with that name exists or is still stopping");
            }

            var cell = new ActorCell(System, props, this, Self.Path / name, System.NextUid());
            child = cell.Self;
            _children.Add(name, new ChildEntry(child));
        }

        child.Cell.Start();
        return child;
    }

    internal void StopChild(LocalActorRef child)
    {
        lock (_childrenLock)
        {
            if (_children is null || !_children.TryGetValue(child.Path.Name, out var entry) || !entry.Ref.Equals(child) || entry.Stopping)
            {
                return;
            }

            entry.Stopping = true;
            _stoppingChildren++;
        }

        child.Cell.Mailbox.PostSystem(new Terminate());
    }

    private void StopAllChildren()
    {
        foreach (var child in ChildrenSnapshot())
        {
            StopChild(child);
        }
    }

    private bool HasChildren
    {
        get
        {
            lock (_childrenLock)
            {
                return _children is { Count: > 0 };
            }
        }
    }

    private bool HasStoppingChildren
    {
        get
        {
            lock (_childrenLock)
            {
                return _stoppingChildren > 0;
            }
        }
    }

    private ChildEntry? FindChild(InternalActorRef child)
    {
        lock (_childrenLock)
        {
            return _children is not null && _children.TryGetValue(child.Path.Name, out var entry) && entry.Ref.Uid == child.Uid
                ? entry
                : null;
        }
    }

    private void HandleChildTerminated(InternalActorRef child)
    {
        lock (_childrenLock)
        {
            if (_children is not null && _children.TryGetValue(child.Path.Name, out var entry) && entry.Ref.Uid == child.Uid)
            {
                _children.Remove(child.Path.Name);
                if (entry.Stopping)
                {
                    _stoppingChildren--;
                }
            }
        }

        if (_terminating)
        {
            if (!HasChildren)
            {
                FinishTerminate();
            }
        }
        else if (_pendingRecreateCause is not null && !HasStoppingChildren)
        {
            FinishRecreate(_pendingRecreateCause);
        }
    }

    /// <summary>A child's registration plus what its supervisor remembers about it.</summary>
    private sealed class ChildEntry(LocalActorRef actorRef)
    {
        public LocalActorRef Ref { get; } = actorRef;

        public bool Stopping { get; set; }

        public RestartStatistics? Restarts { get; set; }
    }
}
