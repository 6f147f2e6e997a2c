namespace GossipActors.Actors;

/// <summary>Runs mailboxes on the .NET thread pool: the production dispatcher.</summary>
public sealed class ThreadPoolDispatcher : Dispatcher
{
    public static readonly ThreadPoolDispatcher Instance = new();

    private ThreadPoolDispatcher()
    {
    }

    // A message that wakes an actor usually comes from an actor on this very thread: the local queue
    // keeps the pair on one core (ping-pong stays in cache).
    public override void Schedule(IThreadPoolWorkItem work) =>
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: true);

    // The local queue is LIFO for its own thread: a yielding actor put there would run again at once.
    // The global queue is FIFO and shared by all workers.
    public override void Yield(IThreadPoolWorkItem work) =>
        ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
}
