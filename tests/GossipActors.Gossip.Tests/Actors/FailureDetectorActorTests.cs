using GossipActors.Actors;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class FailureDetectorActorTests : TestKit.TestKit
{
    public FailureDetectorActorTests() : base(new TestKitOptions { Seed = 29 }) { }

    [Fact]
    public void Convicts_a_crashed_node_publishes_down_and_it_comes_back_up_after_echo()
    {
        using var cluster = new ActorCluster(Sys, seed: 29);
        var addresses = cluster.StartConverged(this, 4);
        var observer = addresses[0];
        var victim = addresses[3];
        var verdicts = new List<FailureDetectorVerdict>();
        cluster.SystemOf(cluster.Nodes[observer]).EventStream.Subscribe<FailureDetectorVerdict>(verdicts.Add);
        Time.Advance(TimeSpan.FromSeconds(10));

        cluster.Network.Partition([victim]);
        var isolatedAt = Time.GetUtcNow();
        AwaitCondition(() => cluster.Events[observer].Any(e => e is MemberDown && e.Endpoint == victim), TimeSpan.FromSeconds(60));
        var down = cluster.Events[observer].OfType<MemberDown>().First(e => e.Endpoint == victim);
        Assert.Contains("failure detector", down.Reason, StringComparison.Ordinal);
        var conviction = Assert.Single(verdicts, v => !v.IsUp && v.Endpoint == victim);
        Assert.True(conviction.Phi > 8);
        // Exponential model, ~1 s heartbeats: phi/ln10 crosses 8 after about 18.4 mean gaps.
        Assert.InRange((down.At - isolatedAt).TotalSeconds, 10, 40);

        cluster.Network.Heal();
        AwaitCondition(() => cluster.Events[observer].Any(e => e is MemberUp && e.Endpoint == victim && e.At > down.At), TimeSpan.FromSeconds(30),
            "the node did not come back UP after an echo");
        AwaitCondition(() => verdicts.Any(v => v.IsUp && v.Endpoint == victim), TimeSpan.FromSeconds(5), "the detector did not clear the returned node");
        Assert.Equal(LivenessStatus.Up, cluster.LivenessAt(observer, victim));
    }

    [Fact]
    public void After_a_local_pause_it_warns_once_and_convicts_nobody()
    {
        using var cluster = new ActorCluster(Sys, seed: 31);
        var addresses = cluster.StartConverged(this, 4);
        var observer = cluster.Nodes[addresses[0]];
        var warnings = new List<FailureDetectorWarning>();
        cluster.SystemOf(observer).EventStream.Subscribe<FailureDetectorWarning>(warnings.Add);
        Time.Advance(TimeSpan.FromSeconds(10));

        // The whole process stalls 7 s (timers fire into mailboxes, nothing runs), then catches up.
        var quiesce = Time.Quiesce;
        Time.Quiesce = null;
        Time.Advance(TimeSpan.FromSeconds(7));
        Time.Quiesce = quiesce;
        RunUntilIdle();
        Time.Advance(TimeSpan.FromSeconds(3));

        var warning = Assert.Single(warnings);
        Assert.Contains("local pause", warning.Message, StringComparison.Ordinal);
        Assert.Contains(FailureDetectorSettingKeys.LocalPauseThreshold, warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cluster.Events[addresses[0]], e => e is MemberDown);
    }

    [Fact]
    public void Threshold_changes_at_run_time_in_memory_and_out_of_range_is_refused()
    {
        using var cluster = new ActorCluster(Sys, seed: 37);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];

        var change = AwaitResult(node.SetPhiConvictThresholdAsync(12));
        Assert.True(change.Applied);
        Assert.True(change.InMemoryOnly);
        Assert.Equal(8, change.Previous);
        Assert.Contains("in memory only", change.Message, StringComparison.Ordinal);
        Assert.Equal(12, node.Runtime.FailureDetector.Settings.PhiConvictThreshold);

        var refused = AwaitResult(node.SetPhiConvictThresholdAsync(20));
        Assert.False(refused.Applied);
        Assert.Contains(FailureDetectorSettingKeys.PhiConvictThreshold, refused.Message, StringComparison.Ordinal);
        Assert.Contains("5-16", refused.Message, StringComparison.Ordinal);
        Assert.Equal(12, node.Runtime.FailureDetector.Settings.PhiConvictThreshold);

        var snapshot = AwaitResult(node.GetFailureDetectorSnapshotAsync());
        var peer = Assert.Single(snapshot);
        Assert.Equal(addresses[1], peer.Endpoint);
        Assert.True(peer.SampleCount >= 1);
        var status = AwaitResult(node.GetStatusAsync());
        Assert.NotNull(status.Single(r => r.Endpoint == addresses[1]).Phi);
    }

    [Fact]
    public void Evaluation_is_skipped_while_the_gossip_stage_is_behind()
    {
        var gossiper = CreateTestProbe("gossiper");
        var core = new FailureDetectorCore(FailureDetectorSettings.Default);
        var observer = new EndpointAddress("10.0.0.1", 7000);
        var peer = new EndpointAddress("10.0.0.2", 7000);
        var skipped = new List<FailureDetectorEvaluated>();
        Sys.EventStream.Subscribe<FailureDetectorEvaluated>(skipped.Add);
        var detector = Sys.ActorOf(Props.Create(() => new FailureDetectorActor(core, gossiper, observer)), "failure-detector");
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        detector.Tell(new HeartbeatsArrived([new HeartbeatArrival(peer, now)]), ActorRefs.NoSender);

        // The gossiper never answers the stage probe: it is behind, so nobody is convicted however long the silence.
        var probe = gossiper.ExpectMsg<StageProbe>(timeout: TimeSpan.FromSeconds(2));
        gossiper.ExpectNoMsg(TimeSpan.FromSeconds(60));
        Assert.Contains(skipped, e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog && e.GossipBacklogMs > 1000);

        // Once it catches up, the silent peer is convicted at the next tick.
        gossiper.Send(detector, probe);
        var convicted = gossiper.FishForMessage<PhiConvicted>(_ => true, TimeSpan.FromSeconds(3));
        Assert.Equal(peer, convicted.Endpoint);
    }
}
