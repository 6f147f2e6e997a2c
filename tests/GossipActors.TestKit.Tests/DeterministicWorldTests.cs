using Akka.Actor;
using Xunit;

namespace GossipActors.TestKit.Tests;

public sealed class DeterministicWorldTests
{
    [Fact]
    public void The_same_seed_replays_the_same_interleaving_across_systems()
    {
        var first = PingerTrace(seed: 1);
        var second = PingerTrace(seed: 1);

        Assert.Equal(first, second);
        Assert.Equal(10 * 6, first.Count);
    }

    [Fact]
    public void Different_seeds_give_different_interleavings()
    {
        var traces = Enumerable.Range(1, 4).Select(seed => string.Join(" ", PingerTrace(seed))).ToList();

        Assert.Equal(4, traces.Distinct().Count());
    }

    [Fact]
    public void Deterministic_actors_run_only_when_the_test_pumps_and_on_the_tests_thread()
    {
        using var world = new DeterministicWorld(seed: 7);
        var system = world.CreateSystem("n1");
        var threads = new List<int>();
        var actor = world.ActorOf(system, Props.Create(() => new ThreadRecorder(threads)));
        actor.Tell("a");
        actor.Tell("b");

        // The pool is free (it ran our own work item after the sends), yet the actor has not run: only a pump runs it.
        using var poolRan = new ManualResetEventSlim();
        ThreadPool.QueueUserWorkItem(_ => poolRan.Set());
        Assert.True(poolRan.Wait(TimeSpan.FromSeconds(10)));
        Assert.Empty(threads);

        world.RunUntilIdle();
        Assert.Equal([Environment.CurrentManagedThreadId, Environment.CurrentManagedThreadId], threads);
    }

    [Fact]
    public void Top_level_actors_made_straight_through_ActorOf_are_started_before_the_pump_runs()
    {
        // Akka's guardian starts them on the thread pool; without the world's start barrier the pump would
        // often find their first message still parked in Akka's unstarted cell.
        using var world = new DeterministicWorld(seed: 3);
        var system = world.CreateSystem("n1");
        var counter = new Counter();
        for (var i = 1; i <= 20; i++)
        {
            var actor = system.ActorOf(Props.Create(() => new CountingActor(counter)).WithDispatcher(DeterministicWorld.DispatcherId));
            actor.Tell(i);

            world.RunUntilIdle();

            Assert.Equal(i, counter.Value);
        }
    }

    [Fact]
    public void Four_systems_share_one_clock_and_one_run_queue()
    {
        using var world = new DeterministicWorld(seed: 11);
        var systems = Enumerable.Range(1, 4).Select(n => world.CreateSystem($"node-{n}")).ToList();
        var counters = systems.Select(_ => new Counter()).ToList();
        var nodes = systems.Select((system, i) => world.ActorOf(system, Props.Create(() => new RingNode(counters[i])), "node")).ToList();
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Tell(nodes[(i + 1) % nodes.Count]);
        }

        world.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.All(systems, system => Assert.Same(world.Time, VirtualScheduler.Of(system).Clock));
        Assert.Equal([3, 3, 3, 3], counters.Select(counter => counter.Value));
        Assert.Equal(TimeSpan.FromSeconds(3), systems[2].Scheduler.MonotonicClock);
    }

    [Fact]
    public void Disposing_the_world_terminates_its_systems_and_removes_their_timers()
    {
        var world = new DeterministicWorld(seed: 5);
        var systems = new[] { world.CreateSystem("a"), world.CreateSystem("b") };
        foreach (var system in systems)
        {
            world.ActorOf(system, Props.Create(() => new TimerActor(ActorRefs.Nobody)), "timers")
                .Tell(new TimerActor.StartPeriodic("tick", TimeSpan.FromSeconds(1)));
        }

        world.Time.Advance(TimeSpan.FromSeconds(2));
        world.Dispose();

        Assert.All(systems, system => Assert.True(system.WhenTerminated.IsCompleted));
        Assert.Empty(world.Systems);
        Assert.Equal(0, world.Time.PendingTimerCount);
        Assert.Throws<ObjectDisposedException>(() => world.CreateSystem("late"));
    }

    /// <summary>
    /// Two systems each run a pinger whose 1 s timer sends the tick to three relay children; every relay reports
    /// to one recorder in the first system. The recorder's arrival order is the trace of the interleaving.
    /// </summary>
    private static List<string> PingerTrace(int seed)
    {
        using var world = new DeterministicWorld(seed);
        var n1 = world.CreateSystem("n1");
        var n2 = world.CreateSystem("n2");
        var trace = new List<string>();
        var recorder = world.ActorOf(n1, Props.Create(() => new Recorder(trace)), "recorder");
        world.ActorOf(n1, Props.Create(() => new Pinger("A", recorder)), "pinger");
        world.ActorOf(n2, Props.Create(() => new Pinger("B", recorder)), "pinger");

        world.Time.Advance(TimeSpan.FromSeconds(10));

        return trace;
    }

    private sealed class Pinger : ReceiveActor, IWithTimers
    {
        public Pinger(string name, IActorRef recorder)
        {
            var relays = Enumerable.Range(1, 3)
                .Select(i => Context.ActorOf(Props.Create(() => new Relay($"{name}{i}", recorder)).WithDispatcher(DeterministicWorld.DispatcherId), $"relay-{i}"))
                .ToList();
            var ticks = 0;
            Receive<string>(_ =>
            {
                ticks++;
                relays.ForEach(relay => relay.Tell(ticks));
            });
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart() => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(1));
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(string name, IActorRef recorder) => Receive<int>(tick => recorder.Tell($"{name}@{tick}"));
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(List<string> trace) => Receive<string>(trace.Add);
    }

    /// <summary>Every virtual second tells the next node; counts what the previous node told it.</summary>
    private sealed class RingNode : ReceiveActor, IWithTimers
    {
        public RingNode(Counter received)
        {
            IActorRef next = ActorRefs.Nobody;
            Receive<IActorRef>(neighbour =>
            {
                next = neighbour;
                Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromSeconds(1));
            });
            Receive<string>(tick => tick == "tick", _ => next.Tell("hello"));
            Receive<string>(_ => received.Increment());
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
