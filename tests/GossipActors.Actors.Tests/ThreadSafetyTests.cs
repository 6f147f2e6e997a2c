using GossipActors.Actors;
using GossipActors.TestKit;

namespace GossipActors.Actors.Tests;

/// <summary>Thread-pool behaviours: failures never escape to pool threads, and actors see one message at a time.</summary>
public sealed class ThreadSafetyTests() : TestKit.TestKit(new TestKitOptions { Deterministic = false, RealTime = true, DefaultTimeout = TimeSpan.FromSeconds(20) })
{
    [Fact]
    public void Thousands_of_failures_never_reach_a_pool_thread_and_the_actor_keeps_working()
    {
        var unhandled = 0;
        void OnUnhandled(object? sender, UnhandledExceptionEventArgs e) => Interlocked.Increment(ref unhandled);
        AppDomain.CurrentDomain.UnhandledException += OnUnhandled;
        try
        {
            var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(ActorRefs.Nobody)), "fragile");
            for (var i = 0; i < 2000; i++)
            {
                actor.Tell(new Boom($"failure {i}"));
            }

            actor.Tell("still here", TestActor);
            var probe = CreateTestProbe();
            var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
            echo.Tell("pool alive", probe);
            probe.ExpectMsg("pool alive");
            AwaitCondition(() => Sys.GetActorStats().Single(s => s.Path == "/user/fragile").Failed == 2000);
            Assert.Equal(0, Volatile.Read(ref unhandled));
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandled;
        }
    }

    [Fact]
    public void An_actor_is_never_run_by_two_threads_at_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ExclusiveCounter()));

        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 25_000; i++)
            {
                actor.Tell(1, ActorRefs.NoSender);
            }
        });
        actor.Tell("total");

        Assert.Equal("100000 overlaps=0", ExpectMsg<string>());
    }

    private sealed class ExclusiveCounter : ReceiveActor
    {
        private int _inside;
        private int _overlaps;
        private int _count;

        public ExclusiveCounter()
        {
            Receive<int>(n =>
            {
                if (Interlocked.Increment(ref _inside) != 1)
                {
                    _overlaps++;
                }

                _count += n;
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell($"{_count} overlaps={_overlaps}"));
        }
    }
}
