using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// <c>gossip/failure-detector</c>: feeds heartbeat arrivals into the pure <see cref="FailureDetectorCore"/>
/// and evaluates every endpoint on a scheduled tick (<c>gossip.failure-detector.evaluation-interval</c>).
/// Convictions go to the gossiper (which marks the endpoint down and tells its actor); verdicts are
/// published on the event stream. The evaluation is skipped while the gossip stage is behind, measured
/// without asking: a probe goes to the gossiper, and the backlog is the larger of the age of the probe
/// still waiting and the round trip of the last probe that came back. Only the latest round trip counts,
/// so one prompt reply ends the skipping. The core outlives a restart of this actor, so a crash loses no
/// arrival window.
/// </summary>
internal sealed class FailureDetectorActor : GossipActor
{
    private const string EvaluateTimerKey = "evaluate";
    private const string RestoreTimerKey = "restore-threshold";
    private readonly FailureDetectorCore _core;
    private readonly IActorRef _gossiper;
    private readonly EndpointAddress _observer;
    private long? _outstandingProbeMs;
    private long _lastProbeRoundTripMs;

    public FailureDetectorActor(FailureDetectorCore core, IActorRef gossiper, EndpointAddress observer)
        : this(core, gossiper, observer, null)
    {
    }

    public FailureDetectorActor(FailureDetectorCore core, IActorRef gossiper, EndpointAddress observer, ILoggerFactory? loggerFactory)
        : base(loggerFactory)
    {
        _core = core;
        _gossiper = gossiper;
        _observer = observer;

        Receive<HeartbeatsArrived>(batch =>
        {
            foreach (var arrival in batch.Arrivals)
            {
                _core.Report(arrival.Endpoint, arrival.AtMs);
            }
        });
        Receive<DirectHeartbeatArrived>(arrival => _core.ReportDirect(arrival.Endpoint, arrival.AtMs));
        Receive<EvaluateTick>(_ => Evaluate());
        Receive<StageProbe>(probe =>
        {
            // A probe from before a restart is not the one being waited for; its round trip is history.
            if (_outstandingProbeMs == probe.SentAtMs)
            {
                _outstandingProbeMs = null;
                _lastProbeRoundTripMs = Math.Max(0, NowMs - probe.SentAtMs);
            }
        });
        Receive<ForgetEndpoint>(message => _core.Remove(message.Endpoint));
        Receive<ObservedEndpoints>(message => _core.KeepDirectOnly(message.Endpoints, NowMs));
        Receive<ChangePhiConvictThreshold>(message =>
        {
            var change = _core.ChangePhiConvictThreshold(message.Value, message.RestoreAfter, NowMs);
            if (change.Applied)
            {
                Log.LogWarning("{Change}", change.Message);
                ArmRestoreTimer();
            }

            if (change.Warning is { } warning)
            {
                Log.LogWarning("{Warning}", warning);
            }

            Sender.Tell(change);
        });
        Receive<RestoreThresholdDue>(_ =>
        {
            if (_core.RestoreIfDue(NowMs) is { } restored)
            {
                Log.LogWarning("{Change}", restored.Message);
            }

            ArmRestoreTimer();
        });
        Receive<GetFailureDetectorReport>(_ => Sender.Tell(Report()));
        Receive<ReportFor>(request => Sender.Tell(new ReportReady(Report(), request.ReplyTo)));
    }

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    private FailureDetectorReport Report()
    {
        var now = NowMs;
        return new FailureDetectorReport(_core.Settings.PhiConvictThreshold, _core.Settings.Model, _core.Snapshot(now))
        {
            GossipBacklogMs = BacklogMs(now),
            BacklogThreshold = _core.Settings.BacklogThreshold,
            PendingRestore = _core.PendingRestore,
        };
    }

    protected override void PreStart()
    {
        foreach (var warning in _core.StartupWarnings)
        {
            Log.LogWarning("{Warning}", warning);
        }

        StartTimer();
        ArmRestoreTimer();
    }

    protected override void PostRestart(Exception reason)
    {
        StartTimer();
        ArmRestoreTimer();
    }

    private void StartTimer() =>
        Timers.StartPeriodicTimer(EvaluateTimerKey, EvaluateTick.Instance, _core.Settings.EvaluationInterval);

    // The pending restore is the core's, so after a restart of this actor the timer is armed again from it.
    private void ArmRestoreTimer()
    {
        if (_core.PendingRestore is { } pending)
        {
            Timers.StartSingleTimer(RestoreTimerKey, RestoreThresholdDue.Instance, TimeSpan.FromMilliseconds(Math.Max(0, pending.AtUnixMs - NowMs)));
        }
        else
        {
            Timers.Cancel(RestoreTimerKey);
        }
    }

    // A stage that answers late but within the tick leaves no probe waiting; its round trip still shows the lag.
    private long BacklogMs(long now)
    {
        var waiting = _outstandingProbeMs is { } sent ? now - sent : 0;
        return Math.Max(waiting, _lastProbeRoundTripMs);
    }

    private void Evaluate()
    {
        var now = NowMs;
        var backlog = BacklogMs(now);
        var evaluation = _core.Evaluate(now, backlog);
        if (_outstandingProbeMs is null)
        {
            _outstandingProbeMs = now;
            _gossiper.Tell(new StageProbe(now), Self);
        }

        var events = Context.System.EventStream;
        if (evaluation.Warning is { } warning)
        {
            Log.LogWarning("{Warning}", warning);
            events.Publish(new FailureDetectorWarning(_observer, warning));
        }

        if (evaluation.Outcome != EvaluationOutcome.Evaluated)
        {
            events.Publish(new FailureDetectorEvaluated(_observer, evaluation.Outcome, backlog));
        }

        foreach (var conviction in evaluation.Convictions)
        {
            Log.LogInformation("convicting {Endpoint}: phi {Phi:0.00} is above {Threshold} ({Source})", conviction.Endpoint, conviction.Phi, _core.Settings.PhiConvictThreshold,
                conviction.ByObserver ? "as one of its observers, on direct heartbeats: gossiped to every node" : "on gossip arrivals: this node only");
            _gossiper.Tell(new PhiConvicted(conviction.Endpoint, conviction.Phi, conviction.ByObserver), Self);
            events.Publish(new FailureDetectorVerdict(_observer, conviction.Endpoint, IsUp: false, conviction.Phi));
        }

        foreach (var endpoint in evaluation.Recovered)
        {
            _gossiper.Tell(new PhiRecovered(endpoint), Self);
            events.Publish(new FailureDetectorVerdict(_observer, endpoint, IsUp: true, _core.Phi(endpoint, now)));
        }
    }
}
