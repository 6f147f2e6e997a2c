namespace GossipActors.Actors;

/// <summary>Runs mailboxes on the .NET thread pool: the production dispatcher.</summary>
public sealed class ThreadPoolDispatcher : Dispatcher
{
    public static readonly ThreadPoolDispatcher Instance = new();

    private ThreadPoolDispatcher()
    {
    }

    public override void Schedule(IThreadPoolWorkItem work) =>
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: true);
}
