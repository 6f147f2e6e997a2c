using GossipActors.Actors;
using GossipActors.TestKit;

namespace GossipActors.Actors.Tests;

/// <summary>The same kernel on the real thread pool and clock; expectations wait under a deadline.</summary>
public sealed class ThreadPoolModeTests() : TestKit.TestKit(new TestKitOptions { Deterministic = false, RealTime = true, DefaultTimeout = TimeSpan.FromSeconds(10) })
{
    [Fact]
    public void Messages_flow_and_replies_arrive_on_the_thread_pool()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 1000; i++)
        {
            echo.Tell(i);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Cast<object>(), ReceiveN(1000));
    }

    [Fact]
    public async Task Ask_works_with_await_on_the_thread_pool()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        var reply = await echo.Ask<int>(7, TimeSpan.FromSeconds(10));

        Assert.Equal(7, reply);
    }

    [Fact]
    public void Stop_and_watch_work_on_the_thread_pool()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(echo);

        Sys.Stop(echo);

        ExpectTerminated(echo);
    }
}
