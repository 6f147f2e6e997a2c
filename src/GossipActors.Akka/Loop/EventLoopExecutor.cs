using Akka.Configuration;
using Akka.Dispatch;
using GossipActors.Akka.Scheduling;

namespace GossipActors.Akka.Loop;

/// <summary>
/// Named by a dispatcher's <c>executor</c> setting (reference.conf's <c>akka.actor.gossip-dispatcher</c>): every
/// mailbox of the dispatcher runs on the <see cref="EventLoop"/> that also fires the system's timers, when the
/// system's scheduler is a <see cref="TimeProviderScheduler"/> on one; otherwise on a loop of the dispatcher's own.
/// </summary>
public sealed class EventLoopExecutorConfigurator(Config config, IDispatcherPrerequisites prerequisites)
    : ExecutorServiceConfigurator(config, prerequisites)
{
    public override ExecutorService Produce(string id) =>
        EventLoop.Of(Prerequisites.Scheduler) is { } shared
            ? new EventLoopExecutor(id, shared, owned: false)
            : new EventLoopExecutor(id, new EventLoop(id), owned: true);
}

/// <summary>Akka's executor over an <see cref="EventLoop"/>; it stops the loop on shutdown only if it made it.</summary>
internal sealed class EventLoopExecutor(string id, EventLoop loop, bool owned) : ExecutorService(id)
{
    public override void Execute(IRunnable run) => loop.Execute(run);

    public override void Shutdown()
    {
        if (owned)
        {
            loop.Dispose();
        }
    }
}
