using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class SupervisionTests : DeterministicTestKit
{
    public SupervisionTests() : base(seed: 19) { }

    [Fact]
    public void A_crashing_endpoint_actor_is_restarted_with_its_state_and_keeps_publishing()
    {
        using var cluster = new ActorCluster(this, seed: 19);
        var addresses = cluster.StartConverged(this, 4);
        var observer = cluster.Nodes[addresses[0]];
        var subject = addresses[2];
        var endpointActor = AwaitResult(observer.Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(subject)));
        Assert.NotEqual(ActorRefs.Nobody, endpointActor);
        var before = AwaitResult(endpointActor.AskNow<EndpointView>(Sys, GetEndpointView.Instance));
        Assert.False(before.Restarted);

        endpointActor.Tell(Kill.Instance, ActorRefs.NoSender);   // fails with ActorKilledException
        RunUntilIdle();

        var after = AwaitResult(endpointActor.AskNow<EndpointView>(Sys, GetEndpointView.Instance));
        Assert.True(after.Restarted);
        Assert.Equal(LivenessStatus.Up, after.Liveness);
        Assert.Equal(before.State!.HeartBeat.Generation, after.State!.HeartBeat.Generation);
        Assert.Equal(addresses.Count, AwaitResult(observer.GetMembersAsync()).Count);

        cluster.Nodes[subject].SetApplicationState("AFTER_RESTART", "yes");
        AwaitCondition(() => cluster.Events[addresses[0]].Any(e => e is MemberStateChanged { Key: "AFTER_RESTART" }), TimeSpan.FromSeconds(10));
        var same = AwaitResult(observer.Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(subject)));
        Assert.Equal(endpointActor, same);
        // Subscribers hear it from the gossiper; the restarted endpoint actor still publishes it on the event stream.
        var published = AwaitResult(endpointActor.AskNow<EndpointView>(Sys, GetEndpointView.Instance)).EventsPublished;
        Assert.True(published > after.EventsPublished, $"published {published}, {after.EventsPublished} before the change");
    }

    [Fact]
    public void A_crashing_failure_detector_is_restarted_without_losing_its_windows_and_still_convicts()
    {
        using var cluster = new ActorCluster(this, seed: 23);
        var addresses = cluster.StartConverged(this, 4);
        var observer = cluster.Nodes[addresses[0]];
        Time.Advance(TimeSpan.FromSeconds(10));
        var before = AwaitResult(observer.GetFailureDetectorSnapshotAsync());
        var samplesBefore = before.Single(s => s.Endpoint == addresses[3]).SampleCount;
        Assert.True(samplesBefore > 3);

        var detector = AwaitResult(observer.Gossiper.AskNow<IActorRef>(Sys, GetFailureDetectorActor.Instance));
        detector.Tell(Kill.Instance, ActorRefs.NoSender);
        RunUntilIdle();

        var after = AwaitResult(observer.GetFailureDetectorSnapshotAsync());
        Assert.True(after.Single(s => s.Endpoint == addresses[3]).SampleCount >= samplesBefore);

        cluster.Crash(addresses[3]);
        AwaitCondition(() => cluster.Events[addresses[0]].Any(e => e is MemberDown && e.Endpoint == addresses[3]), TimeSpan.FromSeconds(60),
            "the restarted detector did not convict the crashed node");
    }
}
