using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void ScheduleTellOnce_delivers_at_the_due_virtual_time_with_the_given_sender()
    {
        var probe = CreateTestProbe();

        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "later", probe);

        ExpectNoMsg(TimeSpan.FromMilliseconds(1999));
        ExpectMsg("later", TimeSpan.FromMilliseconds(1));
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void ScheduleTellRepeatedly_repeats_until_cancelled()
    {
        var handle = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick");

        Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, ReceiveN(3, TimeSpan.Zero).Count);
        handle.Cancel();

        Assert.True(handle.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_throwing_scheduled_action_does_not_stop_the_scheduler()
    {
        var ran = 0;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("bad action"));
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromSeconds(2), () => ran++);

        Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, ran);
    }

    [Fact]
    public void Terminate_cancels_everything_still_scheduled()
    {
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick");

        Sys.Terminate();

        Assert.Equal(0, Time.PendingTimerCount);
    }
}
