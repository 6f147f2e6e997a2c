using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Protocol.FailureDetection;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// setphi --for in the actor tree, on virtual time: the failure detector's own timer restores the threshold when the
/// window ends, with no client left to ask for it, and logs both changes.
/// </summary>
public sealed class TimedThresholdActorTests : DeterministicTestKit
{
    public TimedThresholdActorTests() : base(seed: 53) { }

    [Fact]
    public void The_detector_restores_the_threshold_by_itself_when_the_window_ends_and_logs_both_changes()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        using var cluster = new ActorCluster(this, seed: 53, loggerFactory: factory);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];
        var start = Time.GetUtcNow().ToUnixTimeMilliseconds();

        var change = AwaitResult(node.SetPhiConvictThresholdAsync(12, TimeSpan.FromMinutes(10)));

        Assert.True(change.Applied, change.Message);
        Assert.Equal(new ThresholdRestore(8, start + 600_000), change.Restore);
        var report = AwaitResult(node.GetFailureDetectorReportAsync());
        Assert.Equal(12, report.PhiConvictThreshold);
        Assert.Equal(change.Restore, report.PendingRestore);

        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(12, AwaitResult(node.GetFailureDetectorReportAsync()).PhiConvictThreshold);

        Time.Advance(TimeSpan.FromMilliseconds(1));
        RunUntilIdle();
        report = AwaitResult(node.GetFailureDetectorReportAsync());
        Assert.Equal(8, report.PhiConvictThreshold);
        Assert.Null(report.PendingRestore);
        var lines = logs.Lines.Where(l => l.Category.EndsWith("/failure-detector", StringComparison.Ordinal) && l.Message.Contains("phi-convict-threshold", StringComparison.Ordinal)).ToList();
        Assert.Collection(
            lines,
            l => Assert.StartsWith("gossip.failure-detector.phi-convict-threshold changed from 8 to 12 for 10 min", l.Message, StringComparison.Ordinal),
            l => Assert.StartsWith("gossip.failure-detector.phi-convict-threshold restored from 12 to 8", l.Message, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(LogLevel.Warning, l.Level));
    }

    [Fact]
    public void A_second_window_replaces_the_first_and_a_restarted_detector_still_restores()
    {
        using var cluster = new ActorCluster(this, seed: 59);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];

        AwaitResult(node.SetPhiConvictThresholdAsync(12, TimeSpan.FromMinutes(10)));
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = AwaitResult(node.SetPhiConvictThresholdAsync(11, TimeSpan.FromMinutes(30)));
        Assert.Equal(8, second.Restore!.Value);

        // The first window's end passes: the second one replaced it.
        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(11, AwaitResult(node.GetFailureDetectorReportAsync()).PhiConvictThreshold);

        // The pending restore belongs to the core, so a crash of the detector actor does not lose it.
        var detector = AwaitResult(node.Gossiper.AskNow<IActorRef>(Sys, GetFailureDetectorActor.Instance));
        detector.Tell(Kill.Instance, ActorRefs.NoSender);
        RunUntilIdle();
        Assert.NotNull(AwaitResult(node.GetFailureDetectorReportAsync()).PendingRestore);

        Time.Advance(TimeSpan.FromMinutes(20));
        RunUntilIdle();
        var report = AwaitResult(node.GetFailureDetectorReportAsync());
        Assert.Equal(8, report.PhiConvictThreshold);
        Assert.Null(report.PendingRestore);
    }

    [Fact]
    public void A_change_without_a_window_cancels_the_restore_so_nothing_changes_when_the_window_would_have_ended()
    {
        using var cluster = new ActorCluster(this, seed: 61);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];

        AwaitResult(node.SetPhiConvictThresholdAsync(12, TimeSpan.FromMinutes(10)));
        var kept = AwaitResult(node.SetPhiConvictThresholdAsync(10));
        Assert.Contains("is cancelled", kept.Message, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromMinutes(15));
        RunUntilIdle();
        var report = AwaitResult(node.GetFailureDetectorReportAsync());
        Assert.Equal(10, report.PhiConvictThreshold);
        Assert.Null(report.PendingRestore);
    }
}
