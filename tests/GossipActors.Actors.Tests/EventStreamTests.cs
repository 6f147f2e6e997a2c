using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class EventStreamTests : TestKit.TestKit
{
    [Fact]
    public void Actor_subscribers_get_events_of_the_type_and_its_subtypes()
    {
        var probe = CreateTestProbe();
        Assert.True(Sys.EventStream.Subscribe(probe, typeof(Animal)));
        Assert.False(Sys.EventStream.Subscribe(probe, typeof(Animal)));

        Sys.EventStream.Publish(new Dog("rex"));
        Sys.EventStream.Publish("not an animal");

        Assert.Equal(new Dog("rex"), probe.ExpectMsg<Dog>());
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unsubscribed_actors_hear_nothing_more()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(Animal));
        Assert.True(Sys.EventStream.Unsubscribe(probe, typeof(Animal)));

        Sys.EventStream.Publish(new Dog("rex"));

        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Plain_handlers_subscribe_and_unsubscribe_by_disposing()
    {
        var seen = new List<string>();
        var subscription = Sys.EventStream.Subscribe<Dog>(dog => seen.Add(dog.Name));

        Sys.EventStream.Publish(new Dog("a"));
        subscription.Dispose();
        Sys.EventStream.Publish(new Dog("b"));

        Assert.Equal(["a"], seen);
    }

    [Fact]
    public void A_throwing_handler_does_not_stop_other_subscribers()
    {
        var seen = new List<string>();
        using var bad = Sys.EventStream.Subscribe<Dog>(_ => throw new InvalidOperationException("bad handler"));
        using var good = Sys.EventStream.Subscribe<Dog>(dog => seen.Add(dog.Name));

        Sys.EventStream.Publish(new Dog("a"));

        Assert.Equal(["a"], seen);
    }

    [Fact]
    public void Stopped_actors_are_unsubscribed()
    {
        var subscriber = Sys.ActorOf(Props.Create(() => new Subscriber()));
        RunUntilIdle();
        Watch(subscriber);
        Sys.Stop(subscriber);
        ExpectTerminated(subscriber);

        Sys.EventStream.Publish(new Dog("after"));
        RunUntilIdle();

        Assert.Equal(0, Sys.DeadLetterCount);
    }

    private abstract record Animal(string Name);

    private sealed record Dog(string Name) : Animal(Name);

    private sealed class Subscriber : ReceiveActor
    {
        public Subscriber()
        {
            Context.System.EventStream.Subscribe(Self, typeof(Animal));
            ReceiveAny(_ => { });
        }
    }
}
