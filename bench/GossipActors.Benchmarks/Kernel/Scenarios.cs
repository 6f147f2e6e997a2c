using System.Diagnostics;
using GossipActors.Actors;

namespace GossipActors.Benchmarks.Kernel;

/// <summary>The four workloads of issue 2, item 5. Each run builds a fresh system and tears it down.</summary>
internal static class Scenarios
{
    private static readonly object Message = new Tick();

    /// <summary>(a) One sender tells preallocated messages to one counting actor.</summary>
    public static Sample TellToOneActor(int messages)
    {
        using var system = NewSystem();
        var done = new ManualResetEventSlim();
        var counter = system.ActorOf(Props.Create(() => new CountingActor(messages, done)), "counter");
        WarmUpActor(counter);

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            counter.Tell(Message, ActorRefs.NoSender);
        }

        done.Wait();
        stopwatch.Stop();
        system.Terminate().Wait();
        return new Sample(messages, stopwatch.Elapsed);
    }

    /// <summary>(b) Two actors ping-pong with one message in flight.</summary>
    public static Sample PingPong(int roundTrips)
    {
        using var system = NewSystem();
        var done = new ManualResetEventSlim();
        var ponger = system.ActorOf(Props.Create(() => new Ponger()), "ponger");
        var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, roundTrips, done)), "pinger");
        WarmUpActor(ponger);
        WarmUpActor(pinger);

        var stopwatch = Stopwatch.StartNew();
        pinger.Tell(Pinger.Start, ActorRefs.NoSender);
        done.Wait();
        stopwatch.Stop();
        system.Terminate().Wait();
        return new Sample(roundTrips, stopwatch.Elapsed);
    }

    /// <summary>(c) Many actors, each sent the same number of messages round-robin from one thread.</summary>
    public static Sample FanOut(int actors, int messagesPerActor)
    {
        using var system = NewSystem();
        var done = new CountdownEvent(actors);
        var targets = new IActorRef[actors];
        for (var i = 0; i < actors; i++)
        {
            targets[i] = system.ActorOf(Props.Create(() => new CountingActor(messagesPerActor, done)), $"counter-{i}");
        }

        foreach (var target in targets)
        {
            WarmUpActor(target);
        }

        var stopwatch = Stopwatch.StartNew();
        for (var round = 0; round < messagesPerActor; round++)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                targets[i].Tell(Message, ActorRefs.NoSender);
            }
        }

        done.Wait();
        stopwatch.Stop();
        system.Terminate().Wait();
        return new Sample((long)actors * messagesPerActor, stopwatch.Elapsed);
    }

    /// <summary>(d) A parent creates children, all start, then it stops them all; also measures memory per idle child.</summary>
    public static (Sample Sample, double ManagedBytesPerActor, long WorkingSetWithChildren) CreateAndStopChildren(int children)
    {
        using var system = NewSystem();
        var progress = new ChildProgress(children);
        var parent = system.ActorOf(Props.Create(() => new ParentActor(progress)), "parent");
        WarmUpActor(parent);
        ForceFullCollection();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);

        var stopwatch = Stopwatch.StartNew();
        parent.Tell(ParentActor.CreateChildren, ActorRefs.NoSender);
        progress.AllStarted.Wait();

        // Measured with every child idle and alive; the clock is paused meanwhile.
        stopwatch.Stop();
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetWithChildren = Environment.WorkingSet;
        stopwatch.Start();

        parent.Tell(ParentActor.StopChildren, ActorRefs.NoSender);
        progress.AllStopped.Wait();
        stopwatch.Stop();
        system.Terminate().Wait();
        return (new Sample(children, stopwatch.Elapsed), (managedAfter - managedBefore) / (double)children, workingSetWithChildren);
    }

    /// <summary>Workload (a) through a bare unbounded channel with one reader loop: the physical baseline.</summary>
    public static Sample ChannelBaseline(int messages)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<object>(new System.Threading.Channels.UnboundedChannelOptions
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var reader = Task.Run(async () =>
        {
            long count = 0;
            while (await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out _))
                {
                    if (++count == messages)
                    {
                        return count;
                    }
                }
            }

            return count;
        });

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            channel.Writer.TryWrite(Message);
        }

        reader.Wait();
        stopwatch.Stop();
        return new Sample(messages, stopwatch.Elapsed);
    }

    public static void ForceFullCollection()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static ActorSystem NewSystem() => ActorSystem.Create("bench");

    /// <summary>Makes sure the actor exists and has run once before the clock starts.</summary>
    private static void WarmUpActor(IActorRef actor) =>
        actor.Ask<object>(Identify.Instance, TimeSpan.FromSeconds(30)).Wait();

    private sealed class Tick;

    /// <summary>Answers itself, so the benchmark can wait until an actor is up.</summary>
    private sealed class Identify
    {
        public static readonly Identify Instance = new();
    }

    private sealed class CountingActor : ReceiveActor
    {
        private readonly long _target;
        private readonly ManualResetEventSlim? _done;
        private readonly CountdownEvent? _countdown;
        private long _count;

        public CountingActor(long target, ManualResetEventSlim done)
            : this(target)
        {
            _done = done;
        }

        public CountingActor(long target, CountdownEvent countdown)
            : this(target)
        {
            _countdown = countdown;
        }

        private CountingActor(long target)
        {
            _target = target;
            Receive<Tick>(_ =>
            {
                if (++_count == _target)
                {
                    _done?.Set();
                    _countdown?.Signal();
                }
            });
            Receive<Identify>(identify => Sender.Tell(identify));
        }
    }

    private sealed class Pinger : ReceiveActor
    {
        public static readonly object Start = new();
        private static readonly object Ping = new PingMessage();
        private readonly IActorRef _ponger;
        private readonly int _roundTrips;
        private readonly ManualResetEventSlim _done;
        private int _count;

        public Pinger(IActorRef ponger, int roundTrips, ManualResetEventSlim done)
        {
            _ponger = ponger;
            _roundTrips = roundTrips;
            _done = done;
            Receive<PongMessage>(_ =>
            {
                if (++_count == _roundTrips)
                {
                    _done.Set();
                }
                else
                {
                    _ponger.Tell(Ping, Self);
                }
            });
            Receive<Identify>(identify => Sender.Tell(identify));
            Receive<object>(_ => _ponger.Tell(Ping, Self), message => ReferenceEquals(message, Start));
        }
    }

    private sealed class Ponger : ReceiveActor
    {
        private static readonly object Pong = new PongMessage();

        public Ponger()
        {
            Receive<PingMessage>(_ => Sender.Tell(Pong, Self));
            Receive<Identify>(identify => Sender.Tell(identify));
        }
    }

    private sealed class PingMessage;

    private sealed class PongMessage;

    private sealed class ChildProgress(int children)
    {
        private int _started;
        private int _stopped;

        public int Children { get; } = children;

        public ManualResetEventSlim AllStarted { get; } = new();

        public ManualResetEventSlim AllStopped { get; } = new();

        public void Started()
        {
            if (Interlocked.Increment(ref _started) == Children)
            {
                AllStarted.Set();
            }
        }

        public void Stopped()
        {
            if (Interlocked.Increment(ref _stopped) == Children)
            {
                AllStopped.Set();
            }
        }
    }

    private sealed class ParentActor : ReceiveActor
    {
        public static readonly object CreateChildren = new();
        public static readonly object StopChildren = new();

        public ParentActor(ChildProgress progress)
        {
            var childProps = Props.Create(() => new IdleChild(progress));
            Receive<object>(_ =>
            {
                for (var i = 0; i < progress.Children; i++)
                {
                    Context.ActorOf(childProps);
                }
            }, message => ReferenceEquals(message, CreateChildren));
            Receive<object>(_ =>
            {
                foreach (var child in Context.Children)
                {
                    Context.Stop(child);
                }
            }, message => ReferenceEquals(message, StopChildren));
            Receive<Identify>(identify => Sender.Tell(identify));
        }
    }

    private sealed class IdleChild : ReceiveActor
    {
        private readonly ChildProgress _progress;

        public IdleChild(ChildProgress progress)
        {
            _progress = progress;
            ReceiveAny(_ => { });
        }

        protected override void PreStart() => _progress.Started();

        protected override void PostStop() => _progress.Stopped();
    }
}
