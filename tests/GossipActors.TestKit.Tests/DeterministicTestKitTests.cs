using System.Diagnostics;
using Akka.Actor;
using Xunit;
using Xunit.Sdk;

namespace GossipActors.TestKit.Tests;

/// <summary>The kit's promise: expectations pump the world and move virtual time, and never wait on the wall clock for it.</summary>
public sealed class DeterministicTestKitTests() : DeterministicTestKit(seed: 42)
{
    [Fact]
    public void ExpectMsg_moves_virtual_time_to_a_message_a_timer_sends()
    {
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.StartSingle("later", TimeSpan.FromSeconds(2)));
        var wall = Stopwatch.StartNew();

        ExpectMsg("later@2s", TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(1), $"took {wall.Elapsed} of wall-clock time");
    }

    [Fact]
    public void ExpectMsg_times_out_in_virtual_time_only()
    {
        var wall = Stopwatch.StartNew();

        var error = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMinutes(10)));

        Assert.Contains("timed out after 00:10:00 of virtual time", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), Time.Elapsed);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(5), $"took {wall.Elapsed} of wall-clock time");
    }

    [Fact]
    public void ExpectMsg_checks_the_message_that_arrived()
    {
        TestActor.Tell(42);

        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>());
        TestActor.Tell("hello");
        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(text => text == "bye"));
    }

    [Fact]
    public void ExpectNoMsg_lets_virtual_time_pass_and_stops_it_at_an_arrival()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(5), TestActor, "late", ActorRefs.NoSender);

        ExpectNoMsg(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(4), Time.Elapsed);

        var error = Assert.ThrowsAny<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(10)));
        Assert.Contains("late", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), Time.Elapsed);
    }

    [Fact]
    public void AwaitCondition_pumps_and_moves_time_until_the_condition_holds()
    {
        var counter = new Counter();
        var counting = ActorOf(Props.Create(() => new CountingActor(counter)));
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), counting, "count", ActorRefs.NoSender);

        AwaitCondition(() => counter.Value >= 3, TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(3), Time.Elapsed);
        var error = Assert.ThrowsAny<XunitException>(() => AwaitCondition(() => counter.Value >= 100, TimeSpan.FromSeconds(5), "a hundred"));
        Assert.Contains("virtual time", error.Message, StringComparison.Ordinal);
        Assert.Contains("a hundred", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(8), Time.Elapsed);
    }

    [Fact]
    public void AwaitResult_pumps_an_Ask_that_is_answered_after_a_timer()
    {
        var responder = ActorOf(Props.Create(() => new SlowResponder(TimeSpan.FromSeconds(3))));
        // A second timeline, so that time could run past the answer if the kit did not stop at it.
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), ActorOf(Props.Create(() => new CountingActor(new Counter()))), "tick", ActorRefs.NoSender);

        var direct = AwaitResult(responder.Ask<string>("direct", TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(10));
        Assert.Equal("answer to direct", direct);
        Assert.Equal(TimeSpan.FromSeconds(3), Time.Elapsed);

        // The last step of this one runs on the thread pool (ConfigureAwait(false)), outside the world.
        var wrapped = AwaitResult(AskAndDecorate(responder, "wrapped"), TimeSpan.FromSeconds(10));
        Assert.Equal("answer to wrapped!", wrapped);
        Assert.Equal(TimeSpan.FromSeconds(6), Time.Elapsed);
    }

    [Fact]
    public void AwaitResult_fails_in_virtual_time_when_no_answer_comes()
    {
        var silent = ActorOf(Props.Create(() => new CountingActor(new Counter())));

        var error = Assert.ThrowsAny<XunitException>(() => AwaitResult(silent.Ask<string>("anyone?", TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(30)));

        Assert.Contains("virtual time", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), Time.Elapsed);
    }

    [Fact]
    public void Probes_in_any_system_of_the_world_wait_by_pumping()
    {
        var other = World.CreateSystem("other");
        var probe = CreateTestProbe(other, "watcher");
        var echo = World.ActorOf(other, Props.Create(() => new Echo()), "echo");

        echo.Tell("hi", probe.Ref);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(4), probe.Ref, "from test system", TestActor);

        Assert.Equal("hi", probe.ExpectMsg<string>());
        Assert.Equal(echo, probe.LastSender);
        probe.ExpectNoMsg(TimeSpan.FromSeconds(3));
        probe.ExpectMsg("from test system", TimeSpan.FromSeconds(2));
        Assert.Equal(TestActor, probe.LastSender);
        Assert.Equal(TimeSpan.FromSeconds(4), Time.Elapsed);
        Assert.StartsWith("akka://other/system/watcher", probe.Ref.Path.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_skips_to_the_match_and_names_what_it_skipped_when_none_comes()
    {
        var probe = CreateTestProbe("fisher");
        foreach (var n in new[] { 1, 2, 3 })
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(n), probe.Ref, n, ActorRefs.NoSender);
        }

        Assert.Equal(2, probe.FishForMessage<int>(n => n == 2));
        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed);

        var error = Assert.ThrowsAny<XunitException>(() => probe.FishForMessage<int>(n => n == 9, TimeSpan.FromSeconds(5), "nine"));
        Assert.Contains("nine", error.Message, StringComparison.Ordinal);
        Assert.Contains("skipped [3]", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(7), Time.Elapsed);
    }

    [Fact]
    public void Disposing_the_kit_terminates_every_system_of_its_world()
    {
        var kit = new PlainKit();
        var systems = new[] { kit.Sys, kit.World.CreateSystem("other") };
        kit.World.ActorOf(systems[1], Props.Create(() => new TimerActor(ActorRefs.Nobody)))
            .Tell(new TimerActor.StartPeriodic("tick", TimeSpan.FromSeconds(1)));
        kit.Time.Advance(TimeSpan.FromSeconds(3));
        var wall = Stopwatch.StartNew();

        kit.Dispose();

        Assert.All(systems, system => Assert.True(system.WhenTerminated.IsCompleted));
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(5), $"took {wall.Elapsed} of wall-clock time");
    }

    private static async Task<string> AskAndDecorate(IActorRef responder, string question)
    {
        var answer = await responder.Ask<string>(question, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        return answer + "!";
    }

    private sealed class PlainKit : DeterministicTestKit;
}
