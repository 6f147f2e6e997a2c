using System.Globalization;
using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class FailureDetectorActorTests : DeterministicTestKit
{
    public FailureDetectorActorTests() : base(seed: 29) { }

    // Defaults: direct heartbeats every 500 ms, normal model, 3.8 s pause: convicted after about 4.8 s of silence.
    [Theory]
    [InlineData("", 4.3, 5.5)]
    // Cassandra's detector: exponential model on ~1 s gossip arrivals, phi/ln10 crosses 8 after about 18.4 mean gaps.
    [InlineData("gossip.failure-detector.heartbeats = gossip", 10, 40)]
    public void Convicts_a_crashed_node_publishes_down_and_it_comes_back_up_after_echo(string hocon, double minSeconds, double maxSeconds)
    {
        using var cluster = new ActorCluster(this, seed: 29);
        var addresses = cluster.StartConverged(this, 4, ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: hocon));
        var observer = addresses[0];
        var victim = addresses[3];
        var verdicts = new List<FailureDetectorVerdict>();
        using var subscription = EventStreamCallback.Subscribe<FailureDetectorVerdict>(cluster.SystemOf(cluster.Nodes[observer]), verdicts.Add);
        Time.Advance(TimeSpan.FromSeconds(10));

        cluster.Network.Partition([victim]);
        var isolatedAt = Time.GetUtcNow();
        AwaitCondition(() => cluster.Events[observer].Any(e => e is MemberDown && e.Endpoint == victim), TimeSpan.FromSeconds(60));
        var down = cluster.Events[observer].OfType<MemberDown>().First(e => e.Endpoint == victim);
        Assert.Contains("failure detector", down.Reason, StringComparison.Ordinal);
        var conviction = Assert.Single(verdicts, v => !v.IsUp && v.Endpoint == victim);
        Assert.True(conviction.Phi > 8);
        Assert.InRange((down.At - isolatedAt).TotalSeconds, minSeconds, maxSeconds);

        // The gossiper passed the conviction on to the victim's endpoint actor, which keeps its phi.
        var endpointActor = AwaitResult(cluster.Nodes[observer].Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(victim)));
        var view = AwaitResult(endpointActor.AskNow<EndpointView>(Sys, GetEndpointView.Instance));
        Assert.NotNull(view.LastConvictionPhi);
        Assert.True(view.LastConvictionPhi > 8, $"the endpoint actor recorded phi {view.LastConvictionPhi}");
        Assert.Equal(conviction.Phi, view.LastConvictionPhi);

        cluster.Network.Heal();
        AwaitCondition(() => cluster.Events[observer].Any(e => e is MemberUp && e.Endpoint == victim && e.At > down.At), TimeSpan.FromSeconds(30),
            "the node did not come back UP after an echo");
        AwaitCondition(() => verdicts.Any(v => v.IsUp && v.Endpoint == victim), TimeSpan.FromSeconds(5), "the detector did not clear the returned node");
        Assert.Equal(LivenessStatus.Up, cluster.LivenessAt(observer, victim));
    }

    [Fact]
    public void After_a_local_pause_it_warns_once_convicts_nobody_for_5_s_then_convicts_a_peer_still_silent()
    {
        // The normal model: after a 7 s silence every peer's phi is far above 8, so only the guard saves them.
        using var cluster = new ActorCluster(this, seed: 31);
        var settings = ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: "gossip.failure-detector.model = normal");
        var addresses = cluster.StartConverged(this, 4, settings);
        var observer = addresses[0];
        var silent = addresses[3];
        var detector = cluster.Nodes[observer].Runtime.FailureDetector;
        var threshold = detector.Settings.PhiConvictThreshold;
        var warnings = new List<FailureDetectorWarning>();
        var phiAtWarning = new Dictionary<EndpointAddress, double>();
        var suppressed = new List<FailureDetectorEvaluated>();
        var system = cluster.SystemOf(cluster.Nodes[observer]);
        using var warningSubscription = EventStreamCallback.Subscribe<FailureDetectorWarning>(system, w =>
        {
            // Runs inside the detector's evaluation, on its thread: phi exactly as that evaluation saw it.
            warnings.Add(w);
            var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var endpoint in detector.Endpoints)
            {
                phiAtWarning[endpoint] = detector.Phi(endpoint, now);
            }
        });
        using var evaluatedSubscription = EventStreamCallback.Subscribe<FailureDetectorEvaluated>(system, e =>
        {
            if (e.Outcome == EvaluationOutcome.ConvictionsSuppressedByLocalPause)
            {
                suppressed.Add(e);
            }
        });
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(cluster.Events[observer], e => e is MemberDown);

        // One peer falls silent; then the whole process stalls 7 s (timers fire into mailboxes, nothing runs) and catches up.
        cluster.Network.Partition([silent]);
        Time.AdvanceStalled(TimeSpan.FromSeconds(7));
        var resumed = Time.GetUtcNow();
        RunUntilIdle();

        var warning = Assert.Single(warnings);
        Assert.Contains("local pause", warning.Message, StringComparison.Ordinal);
        Assert.Contains(FailureDetectorSettingKeys.LocalPauseThreshold, warning.Message, StringComparison.Ordinal);
        Assert.Equal(addresses.Skip(1).Order(), phiAtWarning.Keys.Order());
        Assert.All(phiAtWarning, p => Assert.True(p.Value > threshold, $"phi of {p.Key} at the first evaluation after the pause was {p.Value}, not above {threshold}"));

        // Nobody is convicted during the 5 s after the pause, though every evaluation would have.
        Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.DoesNotContain(cluster.Events[observer], e => e is MemberDown);
        // At least one per tick after the pause (the ticks that queued up during the stall count too).
        Assert.True(suppressed.Count >= 5, $"{suppressed.Count} suppressed evaluations");

        // Then the peer that is still silent is convicted at the next tick; the others, heard again, are not.
        AwaitCondition(() => cluster.Events[observer].Any(e => e is MemberDown), TimeSpan.FromSeconds(2), "the silent peer was not convicted after the pause window");
        Time.Advance(TimeSpan.FromSeconds(10));
        var down = Assert.Single(cluster.Events[observer].OfType<MemberDown>());
        Assert.Equal(silent, down.Endpoint);
        // At the window's end (to the millisecond the detector counts in), or at the tick after it.
        Assert.InRange((down.At - resumed).TotalSeconds, 4.99, 6);
        Assert.Single(warnings);
    }

    [Fact]
    public void Threshold_changes_at_run_time_in_memory_and_out_of_range_is_refused()
    {
        using var cluster = new ActorCluster(this, seed: 37);
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
    public void A_threshold_above_12_is_logged_as_a_warning_once_when_the_node_starts()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        // 12 is accepted silently: the warning is about the threshold, not about starting.
        using (StartAlone(factory, 12, seed: 41))
        {
            Time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.DoesNotContain(logs.Lines, IsHighThresholdWarning);

        using var node = StartAlone(factory, 13, seed: 43);
        Time.Advance(TimeSpan.FromSeconds(10));

        var line = Assert.Single(logs.Lines, IsHighThresholdWarning);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.EndsWith("/failure-detector", line.Category, StringComparison.Ordinal);
        Assert.Contains($"{FailureDetectorSettingKeys.PhiConvictThreshold} = 13", line.Message, StringComparison.Ordinal);

        static bool IsHighThresholdWarning(CapturedLogLine line) =>
            line.Message.Contains("is above 12", StringComparison.Ordinal);
    }

    /// <summary>One seed node, alone, logging to <paramref name="loggerFactory"/>, started.</summary>
    private ActorCluster StartAlone(ILoggerFactory loggerFactory, double threshold, int seed)
    {
        var cluster = new ActorCluster(this, seed: seed, loggerFactory: loggerFactory);
        var address = ActorCluster.AddressOf(1);
        var settings = ActorCluster.Settings([address], hocon: string.Create(CultureInfo.InvariantCulture, $"gossip.failure-detector.phi-convict-threshold = {threshold}"));
        var start = cluster.Add(address, settings).StartAsync();
        AwaitCondition(() => start.IsCompleted, TimeSpan.FromSeconds(30), "the node did not start");
        Assert.True(start.IsCompletedSuccessfully, start.Exception?.ToString());
        return cluster;
    }

    [Fact]
    public void Evaluation_is_skipped_while_the_gossip_stage_is_behind()
    {
        var gossiper = CreateTestProbe("gossiper");
        var core = new FailureDetectorCore(TestSettings.Detector());
        var observer = new EndpointAddress("10.0.0.1", 7000);
        var peer = new EndpointAddress("10.0.0.2", 7000);
        var skipped = new List<FailureDetectorEvaluated>();
        using var subscription = EventStreamCallback.Subscribe<FailureDetectorEvaluated>(Sys, skipped.Add);
        var detector = ActorOf(Props.Create(() => new FailureDetectorActor(core, gossiper, observer)), "failure-detector");
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        detector.Tell(new HeartbeatsArrived([new HeartbeatArrival(peer, now)]), ActorRefs.NoSender);

        // The gossiper never answers the stage probe: it is behind, so nobody is convicted however long the silence.
        var probe = gossiper.ExpectMsg<StageProbe>(timeout: TimeSpan.FromSeconds(2));
        gossiper.ExpectNoMsg(TimeSpan.FromSeconds(60));
        Assert.Contains(skipped, e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog && e.GossipBacklogMs > 1000);

        // It answers that probe a minute late (still behind), then the next one at once (caught up):
        // the silent peer is convicted at the tick after the prompt answer.
        gossiper.Send(detector, probe);
        var next = gossiper.ExpectMsg<StageProbe>(timeout: TimeSpan.FromSeconds(2));
        gossiper.Send(detector, next);
        var convicted = gossiper.FishForMessage<PhiConvicted>(_ => true, TimeSpan.FromSeconds(3));
        Assert.Equal(peer, convicted.Endpoint);
    }

    [Fact]
    public void Evaluation_is_skipped_while_the_gossip_stage_answers_1_5_s_late_and_resumes_once_it_answers_promptly()
    {
        var (stage, core, peer, evaluated, verdicts) = StartDetectorBehind(TimeSpan.FromMilliseconds(1500));

        // No probe is ever still waiting 1.5 s at a tick (ticks are 1 s apart, one probe at a time):
        // only the round trip of the probes that came back shows the lag.
        Time.Advance(TimeSpan.FromSeconds(60));
        var skipped = evaluated.Where(e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog).ToList();
        Assert.InRange(skipped.Count, 55, 60);
        Assert.All(skipped, e => Assert.Equal(1500, e.GossipBacklogMs));
        Assert.True(core.Phi(peer, Time.GetUtcNow().ToUnixTimeMilliseconds()) > core.Settings.PhiConvictThreshold,
            "the silent peer must be convictable, or the skipping proves nothing");
        Assert.Empty(verdicts);

        // The stage catches up: the probe already on its way still comes back late, the next one at once.
        stage.Tell(TimeSpan.Zero, ActorRefs.NoSender);
        AwaitCondition(() => verdicts.Count > 0, TimeSpan.FromSeconds(4), "the silent peer was not convicted once the gossip stage answered promptly");
        var conviction = Assert.Single(verdicts);
        Assert.Equal(peer, conviction.Endpoint);
        Assert.False(conviction.IsUp);

        var skippedBefore = evaluated.Count(e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(skippedBefore, evaluated.Count(e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog));
    }

    [Fact]
    public void Evaluation_is_not_skipped_when_the_gossip_stage_answers_0_5_s_late()
    {
        var (_, core, peer, evaluated, verdicts) = StartDetectorBehind(TimeSpan.FromMilliseconds(500));

        Time.Advance(TimeSpan.FromSeconds(60));

        Assert.DoesNotContain(evaluated, e => e.Outcome == EvaluationOutcome.SkippedGossipBacklog);
        var conviction = Assert.Single(verdicts);
        Assert.Equal(peer, conviction.Endpoint);
        Assert.True(conviction.Phi > core.Settings.PhiConvictThreshold);
    }

    [Fact]
    public void At_crossings_an_idle_detector_runs_about_once_a_second_and_convicts_a_silent_peer_at_its_crossing()
    {
        var probesAt = new List<long>();
        var convictions = new List<(PhiConvicted Conviction, long AtMs)>();
        var stage = ActorOf(Props.Create(() => new PromptStage(probesAt, convictions)), "gossiper");
        var core = new FailureDetectorCore(TestSettings.Detector());
        Assert.True(core.Settings.EvaluateAtCrossings);
        var peer = new EndpointAddress("10.0.0.2", 7000);
        var detector = ActorOf(Props.Create(() => new FailureDetectorActor(core, stage, new EndpointAddress("10.0.0.1", 7000))), "failure-detector");
        detector.Tell(new ObservedEndpoints(new HashSet<EndpointAddress> { peer }), ActorRefs.NoSender);

        // 20 s of heartbeats every 500 ms: an evaluation (and its stage probe) about once a second, not five times per heartbeat.
        var start = NowMs();
        for (var i = 0; i < 40; i++)
        {
            detector.Tell(new DirectHeartbeatArrived(peer, NowMs()), ActorRefs.NoSender);
            Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        RunUntilIdle();
        Assert.InRange(probesAt.Count(t => t >= start), 18, 22);
        Assert.Empty(convictions);

        // Then silence: convicted at the crossing itself (after a probe answered at once), not at a tick after it.
        var crossing = core.CrossingMs(peer)!.Value;
        Time.Advance(TimeSpan.FromSeconds(10));
        var (conviction, at) = Assert.Single(convictions);
        Assert.Equal(peer, conviction.Endpoint);
        Assert.Equal(crossing, at);
        Assert.Contains(probesAt, t => t == crossing);
    }

    [Fact]
    public void At_crossings_a_conviction_waits_for_the_stages_answer_though_other_peers_heartbeats_keep_arriving()
    {
        var answersAt = new List<long>();
        var convictions = new List<(PhiConvicted Conviction, long AtMs)>();
        var stage = ActorOf(Props.Create(() => new LaggingStage(TimeSpan.FromMilliseconds(600), answersAt, convictions)), "gossiper");
        var core = new FailureDetectorCore(TestSettings.Detector());
        var (silent, talking) = (new EndpointAddress("10.0.0.2", 7000), new EndpointAddress("10.0.0.3", 7000));
        var detector = ActorOf(Props.Create(() => new FailureDetectorActor(core, stage, new EndpointAddress("10.0.0.1", 7000))), "failure-detector");
        detector.Tell(new ObservedEndpoints(new HashSet<EndpointAddress> { silent, talking }), ActorRefs.NoSender);
        for (var i = 0; i < 20; i++)
        {
            detector.Tell(new DirectHeartbeatArrived(silent, NowMs()), ActorRefs.NoSender);
            detector.Tell(new DirectHeartbeatArrived(talking, NowMs()), ActorRefs.NoSender);
            Time.Advance(TimeSpan.FromMilliseconds(500));
        }

        // The talking peer's heartbeats come every 100 ms while the silent one crosses and its conviction waits.
        var crossing = core.CrossingMs(silent)!.Value;
        for (var i = 0; i < 100; i++)
        {
            detector.Tell(new DirectHeartbeatArrived(talking, NowMs()), ActorRefs.NoSender);
            Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        var (conviction, at) = Assert.Single(convictions);
        Assert.Equal(silent, conviction.Endpoint);
        Assert.True(at >= crossing, $"convicted at {at}, before its crossing at {crossing}");
        Assert.Contains(at, answersAt);
    }

    /// <summary>A gossiper whose stage answers every probe <paramref name="lag"/> late, noting when it answered.</summary>
    private sealed class LaggingStage : ReceiveActor, IWithTimers
    {
        private long _answers;

        public LaggingStage(TimeSpan lag, List<long> answersAt, List<(PhiConvicted, long)> convictions)
        {
            Receive<StageProbe>(probe => Timers.StartSingleTimer(++_answers, new Answer(probe, Sender), lag));
            Receive<Answer>(answer =>
            {
                answersAt.Add(Context.System.Scheduler.Now.ToUnixTimeMilliseconds());
                answer.To.Tell(answer.Probe, Self);
            });
            Receive<PhiConvicted>(conviction => convictions.Add((conviction, Context.System.Scheduler.Now.ToUnixTimeMilliseconds())));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private sealed record Answer(StageProbe Probe, IActorRef To);
    }

    private long NowMs() => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>A gossiper that answers every stage probe at once and notes when probes and convictions came.</summary>
    private sealed class PromptStage : ReceiveActor
    {
        public PromptStage(List<long> probesAt, List<(PhiConvicted, long)> convictions)
        {
            Receive<StageProbe>(probe =>
            {
                probesAt.Add(Context.System.Scheduler.Now.ToUnixTimeMilliseconds());
                Sender.Tell(probe, Self);
            });
            Receive<PhiConvicted>(conviction => convictions.Add((conviction, Context.System.Scheduler.Now.ToUnixTimeMilliseconds())));
        }
    }

    /// <summary>
    /// A detector alone, its gossiper a <see cref="SlowStage"/> answering probes after <paramref name="lag"/>,
    /// and one peer heard from once, then silent (convictable after about 37 s with the defaults).
    /// </summary>
    private (IActorRef Stage, FailureDetectorCore Core, EndpointAddress Peer, List<FailureDetectorEvaluated> Evaluated, List<FailureDetectorVerdict> Verdicts)
        StartDetectorBehind(TimeSpan lag)
    {
        var stage = ActorOf(Props.Create(() => new SlowStage(lag)), "gossiper");
        // Cassandra's detector: 1 s ticks, which the lags below are measured against.
        var core = new FailureDetectorCore(TestSettings.Detector("gossip.failure-detector.heartbeats = gossip"));
        var observer = new EndpointAddress("10.0.0.1", 7000);
        var peer = new EndpointAddress("10.0.0.2", 7000);
        var evaluated = new List<FailureDetectorEvaluated>();
        var verdicts = new List<FailureDetectorVerdict>();
        // Subscriptions end with the test's system.
        EventStreamCallback.Subscribe<FailureDetectorEvaluated>(Sys, evaluated.Add);
        EventStreamCallback.Subscribe<FailureDetectorVerdict>(Sys, verdicts.Add);
        var detector = ActorOf(Props.Create(() => new FailureDetectorActor(core, stage, observer)), "failure-detector");
        detector.Tell(new HeartbeatsArrived([new HeartbeatArrival(peer, Time.GetUtcNow().ToUnixTimeMilliseconds())]), ActorRefs.NoSender);
        RunUntilIdle();
        return (stage, core, peer, evaluated, verdicts);
    }

    /// <summary>A gossiper whose stage is behind by a set lag: it answers each probe that much later (a TimeSpan sets a new lag).</summary>
    private sealed class SlowStage : ReceiveActor, IWithTimers
    {
        private TimeSpan _lag;
        private long _answers;

        public SlowStage(TimeSpan lag)
        {
            _lag = lag;
            Receive<StageProbe>(probe =>
            {
                if (_lag == TimeSpan.Zero)
                {
                    Sender.Tell(probe, Self);
                }
                else
                {
                    Timers.StartSingleTimer(++_answers, new Answer(probe, Sender), _lag);
                }
            });
            Receive<Answer>(answer => answer.To.Tell(answer.Probe, Self));
            Receive<TimeSpan>(newLag => _lag = newLag);
            Receive<PhiConvicted>(_ => { });
        }

        public ITimerScheduler Timers { get; set; } = null!;

        private sealed record Answer(StageProbe Probe, IActorRef To);
    }
}
