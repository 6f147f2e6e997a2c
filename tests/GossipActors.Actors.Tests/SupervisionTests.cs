using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    [Fact]
    public void Default_strategy_restarts_a_failing_actor_with_the_same_ref_and_fresh_state()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "worker");
        ExpectMsg("prestart");
        actor.Tell("a");
        ExpectMsg("got:a#1");

        actor.Tell(new Boom("bad input"));

        ExpectMsg("prerestart:bad input:Boom { Reason = bad input }");
        ExpectMsg("poststop");
        ExpectMsg("postrestart");
        ExpectMsg("prestart");
        actor.Tell("b");
        ExpectMsg("got:b#1");
    }

    [Fact]
    public void Restart_keeps_messages_that_were_queued_behind_the_failing_one()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("prestart");

        // All four are queued before the actor runs: the failure must not lose the other three.
        actor.Tell(new Boom("first"));
        actor.Tell("x");
        actor.Tell("y");
        actor.Tell("z");

        FishForMessage<string>(m => m == "postrestart");
        ExpectMsg("prestart");
        Assert.Equal(["got:x#1", "got:y#2", "got:z#3"], ReceiveN(3));
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Resume, false)), "parent");
        parent.Tell(new Parent.Spawn("child"));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("child:prestart");
        child.Tell("a");
        ExpectMsg("child:got:a#1");

        child.Tell(new Boom("ignored"));
        child.Tell("b");

        ExpectMsg("child:got:b#2");
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Stop_directive_stops_the_child_and_its_watchers_hear_of_it()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Stop, false)));
        parent.Tell(new Parent.Spawn("child"));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("child:prestart");
        Watch(child);

        child.Tell(new Boom("fatal"));

        ExpectMsg("child:poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Three_level_tree_restart_at_the_top_after_the_middle_escalates()
    {
        // top (restarts children) -> middle (escalates) -> leaf (throws)
        var top = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Restart, false, "top")), "top");
        top.Tell(new Parent.SpawnParent("middle", Directive.Escalate));
        var middle = ExpectMsg<IActorRef>();
        ExpectMsg("middle:prestart");
        middle.Tell(new Parent.Spawn("leaf"));
        var leaf = ExpectMsg<IActorRef>();
        ExpectMsg("leaf:prestart");
        Watch(leaf);
        Assert.Equal("/user/top/middle/leaf", leaf.Path.ToString());

        leaf.Tell(new Boom("deep failure"));

        // The middle is restarted by the top. Its default PreRestart asks the leaf to stop and runs
        // PostStop; the new middle instance is only created once the leaf is gone.
        ExpectMsg("middle:prerestart:deep failure:");
        ExpectMsg("middle:poststop");
        var rest = ReceiveN(4);
        Assert.Equal("leaf:poststop", rest[0]);
        var terminatedAt = rest.ToList().FindIndex(m => m is Terminated t && t.ActorRef.Equals(leaf));
        Assert.True(terminatedAt > 0, $"no Terminated for the leaf in [{string.Join(", ", rest)}]");
        Assert.Equal(["middle:postrestart", "middle:prestart"], rest.Where(m => m is string).Skip(1));

        // The middle kept its ref and works; its new incarnation can reuse the leaf's name.
        middle.Tell(new Parent.Spawn("leaf"));
        var newLeaf = ExpectMsg<IActorRef>();
        ExpectMsg("leaf:prestart");
        Assert.Equal(leaf.Path, newLeaf.Path);
        Assert.NotEqual(leaf, newLeaf);
    }

    [Fact]
    public void Escalation_to_a_parent_that_resumes_resumes_the_failed_child_too()
    {
        var top = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Resume, false, "top")));
        top.Tell(new Parent.SpawnParent("middle", Directive.Escalate));
        var middle = ExpectMsg<IActorRef>();
        ExpectMsg("middle:prestart");
        middle.Tell(new Parent.Spawn("leaf"));
        var leaf = ExpectMsg<IActorRef>();
        ExpectMsg("leaf:prestart");
        leaf.Tell("one");
        ExpectMsg("leaf:got:one#1");

        leaf.Tell(new Boom("escalated"));
        leaf.Tell("two");

        ExpectMsg("leaf:got:two#2");
    }

    [Fact]
    public void All_for_one_restarts_every_child_when_one_fails()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Restart, true)));
        parent.Tell(new Parent.Spawn("a"));
        var a = ExpectMsg<IActorRef>();
        ExpectMsg("a:prestart");
        parent.Tell(new Parent.Spawn("b"));
        ExpectMsg<IActorRef>();
        ExpectMsg("b:prestart");

        a.Tell(new Boom("one of us"));

        var events = ReceiveN(8).Cast<string>().ToList();
        Assert.Contains("a:prerestart:one of us:Boom { Reason = one of us }", events);
        Assert.Contains("b:prerestart:one of us:", events);
        Assert.Equal(2, events.Count(e => e.EndsWith(":postrestart", StringComparison.Ordinal)));
        Assert.Equal(2, events.Count(e => e.EndsWith(":prestart", StringComparison.Ordinal)));
    }

    [Fact]
    public void Restart_budget_exhausted_within_the_window_stops_the_child()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), static _ => Directive.Restart);
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Restart, false)).WithSupervisorStrategy(strategy));
        parent.Tell(new Parent.Spawn("child"));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("child:prestart");
        Watch(child);

        for (var i = 1; i <= 2; i++)
        {
            child.Tell(new Boom($"failure {i}"));
            FishForMessage<string>(m => m == "child:prestart");
        }

        child.Tell(new Boom("failure 3"));

        ExpectMsg("child:poststop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Restart_budget_is_refilled_once_the_window_has_passed()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), static _ => Directive.Restart);
        var parent = Sys.ActorOf(Props.Create(() => new Parent(TestActor, static _ => Directive.Restart, false)).WithSupervisorStrategy(strategy));
        parent.Tell(new Parent.Spawn("child"));
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("child:prestart");

        for (var i = 1; i <= 6; i++)
        {
            child.Tell(new Boom($"failure {i}"));
            FishForMessage<string>(m => m == "child:prestart");
            if (i % 2 == 0)
            {
                Time.Advance(TimeSpan.FromMinutes(2));
            }
        }

        child.Tell("still alive");
        ExpectMsg("child:got:still alive#1");
    }

    [Fact]
    public void Exception_in_the_constructor_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowingConstructor()), "broken");
        Watch(actor);

        ExpectTerminated(actor);
        actor.Tell("anyone there?");
        RunUntilIdle();
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    [Fact]
    public void Exception_in_PreStart_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowingPreStart()));
        Watch(actor);

        ExpectTerminated(actor);
    }

    [Fact]
    public void Kill_stops_the_actor_under_the_default_strategy()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)));
        ExpectMsg("prestart");
        Watch(actor);

        actor.Tell(Kill.Instance);

        ExpectMsg("poststop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Failures_are_counted_in_the_actor_stats()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor)), "counted");
        actor.Tell("a");
        actor.Tell(new Boom("x"));
        actor.Tell("b");
        FishForMessage<string>(m => m == "got:b#1");

        var stats = Sys.GetActorStats().Single(s => s.Path == "/user/counted");

        Assert.Equal(3, stats.Processed);
        Assert.Equal(1, stats.Failed);
        Assert.Equal(0, stats.MailboxDepth);
        Assert.Equal(nameof(LifecycleActor), stats.ActorType);
    }

    /// <summary>Supervises children with a decider given by the test; reports children's lifecycle to the probe.</summary>
    private sealed class Parent : ReceiveActor
    {
        private readonly Func<Exception, Directive> _decider;
        private readonly bool _allForOne;

        public Parent(IActorRef probe, Func<Exception, Directive> decider, bool allForOne, string? label = null)
        {
            _decider = decider;
            _allForOne = allForOne;
            Receive<Spawn>(spawn => Sender.Tell(Context.ActorOf(Props.Create(() => new LifecycleActor(probe, spawn.Name + ":")), spawn.Name)));
            Receive<SpawnParent>(spawn =>
            {
                var directive = spawn.Directive;
                Sender.Tell(Context.ActorOf(Props.Create(() => new ReportingParent(probe, spawn.Name, directive)), spawn.Name));
            });
            if (label is not null)
            {
                Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
            }
        }

        protected override SupervisorStrategy SupervisorStrategy() =>
            _allForOne ? new AllForOneStrategy(_decider) : new OneForOneStrategy(_decider);

        public sealed record Spawn(string Name);

        public sealed record SpawnParent(string Name, Directive Directive);
    }

    /// <summary>A middle layer: reports its own lifecycle, and spawns leaves it supervises with a fixed directive.</summary>
    private sealed class ReportingParent : ReceiveActor
    {
        private readonly IActorRef _probe;
        private readonly string _name;
        private readonly Directive _directive;

        public ReportingParent(IActorRef probe, string name, Directive directive)
        {
            _probe = probe;
            _name = name;
            _directive = directive;
            Receive<Parent.Spawn>(spawn => Sender.Tell(Context.ActorOf(Props.Create(() => new LifecycleActor(probe, spawn.Name + ":")), spawn.Name)));
        }

        protected override void PreStart() => _probe.Tell($"{_name}:prestart");

        protected override void PostStop() => _probe.Tell($"{_name}:poststop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"{_name}:prerestart:{reason.Message}:{message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"{_name}:postrestart");
            base.PostRestart(reason);
        }

        protected override SupervisorStrategy SupervisorStrategy()
        {
            var directive = _directive;
            return new OneForOneStrategy(_ => directive);
        }
    }

    private sealed class ThrowingConstructor : ReceiveActor
    {
        public ThrowingConstructor() => throw new InvalidOperationException("cannot start");
    }

    private sealed class ThrowingPreStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }
}
