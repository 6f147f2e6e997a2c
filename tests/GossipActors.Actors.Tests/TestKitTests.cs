using GossipActors.Actors;
using GossipActors.TestKit;
using Xunit.Sdk;

namespace GossipActors.Actors.Tests;

/// <summary>The TestKit's own promises: it fails when it should, with messages that say why, and never waits on the wall clock.</summary>
public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_fails_with_the_probe_path_and_what_arrived_instead()
    {
        TestActor.Tell(42);

        var error = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>());

        Assert.Contains("/system/testActor", error.Message, StringComparison.Ordinal);
        Assert.Contains("String", error.Message, StringComparison.Ordinal);
        Assert.Contains("42 (Int32)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpectMsg_times_out_in_virtual_time_only()
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(timeout: TimeSpan.FromMinutes(10)));

        Assert.Contains("timed out after 600 s (virtual)", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), Time.Elapsed);
        Assert.True(wall.Elapsed < TimeSpan.FromMinutes(1), "a virtual wait must not take wall-clock time");
    }

    [Fact]
    public void ExpectMsg_with_a_predicate_that_does_not_match_fails()
    {
        TestActor.Tell("hello");

        Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(s => s == "bye"));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");

        var error = Assert.ThrowsAny<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(1)));

        Assert.Contains("surprise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FishForMessage_skips_until_the_match_and_reports_what_it_skipped_on_failure()
    {
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            TestActor.Tell(n);
        }

        Assert.Equal(3, FishForMessage<int>(n => n == 3));
        Assert.Equal(4, ExpectMsg<int>());

        TestActor.Tell(5);
        var error = Assert.ThrowsAny<XunitException>(() => FishForMessage<int>(n => n == 9, TimeSpan.FromSeconds(1), "nine"));
        Assert.Contains("nine", error.Message, StringComparison.Ordinal);
        Assert.Contains("5 (Int32)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReceiveN_fails_when_too_few_arrive()
    {
        TestActor.Tell(1);

        var error = Assert.ThrowsAny<XunitException>(() => ReceiveN(2, TimeSpan.FromSeconds(1)));

        Assert.Contains("expected 2 messages", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Within_fails_when_the_block_takes_longer_and_limits_inner_expectations()
    {
        var error = Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromSeconds(1), () => Time.Advance(TimeSpan.FromSeconds(2))));
        Assert.Contains("Within block took 2 s", error.Message, StringComparison.Ordinal);

        var before = Time.Elapsed;
        Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromSeconds(2), () => ExpectMsg<string>()));
        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed - before);
    }

    [Fact]
    public void AwaitAssert_retries_while_virtual_time_passes()
    {
        var scheduled = false;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(2), () => scheduled = true);

        AwaitAssert(() => Assert.True(scheduled), TimeSpan.FromSeconds(5));

        Assert.True(Time.Elapsed >= TimeSpan.FromSeconds(2));
        Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.True(false), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Reply_answers_the_last_sender()
    {
        var asker = CreateTestProbe("asker");
        asker.Send(TestActor, "ping");
        ExpectMsg("ping");

        Reply("pong");

        Assert.Equal("pong", asker.ExpectMsg<string>());
        Assert.Equal(TestActor, asker.LastSender);
    }

    [Fact]
    public void Probes_are_refs_named_under_system()
    {
        var probe = CreateTestProbe("conn");

        Assert.Equal("/system/conn", probe.Path.ToString());
        Assert.True(probe.Equals(probe.Ref));
        Assert.True(probe.Ref.Equals(probe));
        Assert.Equal(probe.Ref.GetHashCode(), probe.GetHashCode());
    }

    [Fact]
    public void Several_systems_can_share_the_deterministic_world()
    {
        using var other = ActorSystem.Create("node-b", Sys.Settings);
        var remoteEcho = other.ActorOf(Props.Create(() => new EchoActor()), "echo");

        remoteEcho.Tell("across systems");

        ExpectMsg("across systems");
        Assert.Equal("node-b:/user/echo", LastSender.Path.ToStringWithSystem());
        other.Terminate();
        Assert.True(other.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void Dispose_terminates_the_system()
    {
        var kit = new DisposableKit();
        var system = kit.Sys;

        kit.Dispose();

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
    }

    private sealed class DisposableKit : TestKit.TestKit;
}
