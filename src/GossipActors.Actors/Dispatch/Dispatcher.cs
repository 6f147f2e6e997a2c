namespace GossipActors.Actors;

/// <summary>
/// Runs mailboxes. The kernel hands over a mailbox when it has work; a dispatcher must run each
/// handed-over item exactly once (the mailbox guarantees it is never handed over twice at a time).
/// </summary>
public abstract class Dispatcher
{
    /// <summary>Queue <paramref name="work"/> to run once (an idle actor got a message).</summary>
    public abstract void Schedule(IThreadPoolWorkItem work);

    /// <summary>
    /// Queue <paramref name="work"/> that just gave its thread up with work left (a full throughput
    /// batch). It should run behind work already waiting, so one busy actor cannot starve the rest.
    /// </summary>
    public virtual void Yield(IThreadPoolWorkItem work) => Schedule(work);

    /// <summary>
    /// True when nothing runs unless someone pumps (<see cref="RunUntilIdle"/>); the kernel then
    /// pumps on behalf of callers outside the actors, for example in <c>Ask</c>.
    /// </summary>
    public virtual bool IsDeterministic => false;

    /// <summary>Runs queued work until none is left. Thread-pool dispatchers return at once.</summary>
    public virtual void RunUntilIdle()
    {
    }
}
