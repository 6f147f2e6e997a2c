using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void Stopping_a_parent_stops_its_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Tree(TestActor, "p", 2, 2)), "p");
        var started = ReceiveN(7).Cast<string>().Where(m => m.EndsWith(":prestart", StringComparison.Ordinal)).Count();
        Assert.Equal(7, started);
        Watch(parent);

        Sys.Stop(parent);

        var stops = ReceiveN(7).Cast<string>().Select(m => m.Replace(":poststop", "", StringComparison.Ordinal)).ToList();
        ExpectTerminated(parent);
        foreach (var name in stops)
        {
            // Every actor stops after all of its descendants (names encode the path: p, p.0, p.0.1, ...).
            var own = stops.IndexOf(name);
            Assert.All(stops.Where(other => other.StartsWith(name + ".", StringComparison.Ordinal)), child => Assert.True(stops.IndexOf(child) < own, $"{child} stopped after its ancestor {name}"));
        }

        Assert.Equal("p", stops[^1]);
    }

    [Fact]
    public void Terminate_stops_every_actor_children_first_and_completes_WhenTerminated()
    {
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Tree(probe, "a", 1, 2)), "a");
        Sys.ActorOf(Props.Create(() => new Tree(probe, "b", 0, 0)), "b");
        probe.ReceiveN(4);

        var terminated = Sys.Terminate();

        Assert.True(terminated.IsCompletedSuccessfully);
        var stops = probe.ReceiveN(4).Cast<string>().ToList();
        Assert.True(stops.IndexOf("a.0:poststop") < stops.IndexOf("a:poststop"));
        Assert.True(stops.IndexOf("a.1:poststop") < stops.IndexOf("a:poststop"));
        Assert.Contains("b:poststop", stops);
    }

    [Fact]
    public void PoisonPill_lets_earlier_messages_through_and_later_ones_become_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("prestart");

        actor.Tell("before");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("after");

        ExpectMsg("got:before#1");
        ExpectMsg("poststop");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Actor_can_stop_itself()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SelfStopper()));
        Watch(actor);

        actor.Tell("stop");

        ExpectTerminated(actor);
    }

    [Fact]
    public void GracefulStop_completes_true_once_the_actor_has_stopped()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("prestart");

        var stopped = actor.GracefulStop(TimeSpan.FromSeconds(5));

        Assert.True(AwaitResult(stopped));
        ExpectMsg("poststop");
    }

    [Fact]
    public void GracefulStop_completes_false_when_the_actor_is_still_busy_at_the_timeout()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new Busy(gate.Task)));
        actor.Tell("work");
        RunUntilIdle();

        var stopped = actor.GracefulStop(TimeSpan.FromSeconds(2));

        Assert.False(AwaitResult(stopped, TimeSpan.FromSeconds(3)));
        gate.SetResult();
        Watch(actor);
        ExpectTerminated(actor);
    }

    [Fact]
    public void Context_exposes_parent_children_and_child_by_name()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Tree(TestActor, "p", 1, 3)), "p");
        ReceiveN(4);

        parent.Tell("describe");

        var description = ExpectMsg<string>();
        Assert.Equal("parent=/user children=p.0,p.1,p.2 child(p.1)=/user/p/p.1 child(nope)=nobody", description);
    }

    /// <summary>A tree of the given depth and fan-out that reports its lifecycle; names are dotted paths.</summary>
    private sealed class Tree : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _name;

        public Tree(IActorRef probe, string name, int depth, int fanOut)
        {
            _probe = probe;
            _name = name;
            for (var i = 0; i < fanOut && depth > 0; i++)
            {
                var childName = $"{name}.{i}";
                Context.ActorOf(Props.Create(() => new Tree(probe, childName, depth - 1, fanOut)), childName);
            }

            Receive<string>(_ => Sender.Tell(
                $"parent={Context.Parent.Path} children={string.Join(",", Context.Children.Select(c => c.Path.Name).Order(StringComparer.Ordinal))} " +
                $"child(p.1)={Context.Child("p.1").Path} child(nope)={Context.Child("nope").Path.Name}"));
        }

        protected override void PreStart() => _probe.Tell($"{_name}:prestart");

        protected override void PostStop() => _probe.Tell($"{_name}:poststop");
    }

    private sealed class SelfStopper : ReceiveActor
    {
        public SelfStopper()
        {
            Receive<string>(_ => Context.Stop(Self));
        }
    }

    private sealed class Busy : ReceiveActor
    {
        public Busy(Task gate)
        {
            ReceiveAsync<string>(async _ => await gate);
        }
    }
}
