using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// <c>gossip/failure-detector</c>: feeds heartbeat arrivals into the pure <see cref="FailureDetectorCore"/>
/// and evaluates every endpoint on a scheduled tick (<c>gossip.failure-detector.evaluation-interval</c>), or, with
/// <see cref="FailureDetectorSettings.EvaluateAtCrossings"/>, on one timer armed for the moment the core says something
/// can happen (<see cref="FailureDetectorCore.ScheduleEvaluation"/>); a conviction then waits for a stage probe sent at
/// most an evaluation-interval earlier, so the backlog it is judged with is as fresh as a tick's would be.
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
    private long _lastProbeAnsweredMs = long.MinValue;
    private long? _armedDueMs;
    private bool _convictionAwaitsProbe;

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
            CatchUpIfOverdue();
            foreach (var arrival in batch.Arrivals)
            {
                _core.Report(arrival.Endpoint, arrival.AtMs);
            }

            Rearm();
        });
        Receive<DirectHeartbeatArrived>(arrival =>
        {
            CatchUpIfOverdue();
            _core.ReportDirect(arrival.Endpoint, arrival.AtMs);
            Rearm();
        });
        Receive<EvaluateTick>(_ =>
        {
            _armedDueMs = null;
            Evaluate();
        });
        Receive<StageProbe>(probe =>
        {
            // A probe from before a restart is not the one being waited for; its round trip is history.
            if (_outstandingProbeMs == probe.SentAtMs)
            {
                var now = NowMs;
                _outstandingProbeMs = null;
                _lastProbeRoundTripMs = Math.Max(0, now - probe.SentAtMs);
                _lastProbeAnsweredMs = now;
                if (_convictionAwaitsProbe || (AtCrossings && _core.ConvictionDue(now)))
                {
                    Evaluate();
                }
            }
        });
        Receive<ForgetEndpoint>(message => _core.Remove(message.Endpoint));
        Receive<ObservedEndpoints>(message =>
        {
            CatchUpIfOverdue();
            _core.KeepDirectOnly(message.Endpoints, NowMs);
            Rearm();
        });
        Receive<ChangePhiConvictThreshold>(message =>
        {
            var change = _core.ChangePhiConvictThreshold(message.Value, message.RestoreAfter, NowMs);
            if (change.Applied)
            {
                Log.LogWarning("{Change}", change.Message);
                ArmRestoreTimer();
                Rearm();
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
            Rearm();
        });
        Receive<GetFailureDetectorReport>(_ => Sender.Tell(Report()));
        Receive<ReportFor>(request => Sender.Tell(new ReportReady(Report(), request.ReplyTo)));
    }

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    private bool AtCrossings => _core.Settings.EvaluateAtCrossings;

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

    private void StartTimer()
    {
        if (AtCrossings)
        {
            _armedDueMs = null;
            Rearm();
        }
        else
        {
            Timers.StartPeriodicTimer(EvaluateTimerKey, EvaluateTick.Instance, _core.Settings.EvaluationInterval);
        }
    }

    /// <summary>
    /// Arms the evaluation for when the core says something can happen, unless one is armed sooner, or a conviction waits
    /// for the stage's answer: arrivals meanwhile were queued ahead of the probe, so they say nothing of the backlog.
    /// </summary>
    private void Rearm()
    {
        if (AtCrossings && !_convictionAwaitsProbe)
        {
            var now = NowMs;
            var due = _core.ScheduleEvaluation(now, _armedDueMs);
            if (due != _armedDueMs)
            {
                Arm(now, due);
            }
        }
    }

    private void Arm(long now, long due)
    {
        _armedDueMs = due;
        Timers.StartSingleTimer(EvaluateTimerKey, EvaluateTick.Instance, TimeSpan.FromMilliseconds(Math.Max(0, due - now)));
    }

    /// <summary>An evaluation armed by this actor, not by the core (a wait for a probe, a poll): the core is told its due time.</summary>
    private void ArmOwn(long now, long due)
    {
        _core.ExpectEvaluationAt(due);
        Arm(now, due);
    }

    /// <summary>
    /// After a pause of this process the armed evaluation is overdue, and its tick may queue behind the heartbeats that
    /// waited meanwhile: it runs first, so the pause is noticed before those arrivals are judged.
    /// </summary>
    private void CatchUpIfOverdue()
    {
        if (AtCrossings && _core.EvaluationOverdue(NowMs))
        {
            Evaluate();
        }
    }

    /// <summary>A probe answered within an evaluation-interval, and none outstanding: the backlog it showed is current.</summary>
    private bool ProbeIsFresh(long now) =>
        _outstandingProbeMs is null && now - _lastProbeAnsweredMs <= (long)_core.Settings.EvaluationInterval.TotalMilliseconds;

    private void SendProbe(long now)
    {
        _outstandingProbeMs = now;
        _gossiper.Tell(new StageProbe(now), Self);
    }

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
        if (AtCrossings && !_convictionAwaitsProbe && !ProbeIsFresh(now) && !_core.EvaluationOverdue(now) && _core.ConvictionDue(now))
        {
            // Its answer evaluates at once; no answer by the backlog threshold is itself a backlog.
            _convictionAwaitsProbe = true;
            if (_outstandingProbeMs is null)
            {
                SendProbe(now);
            }

            ArmOwn(now, now + (long)_core.Settings.BacklogThreshold.TotalMilliseconds + 1);
            return;
        }

        _convictionAwaitsProbe = false;
        var backlog = BacklogMs(now);
        var evaluation = _core.Evaluate(now, backlog);
        if (_outstandingProbeMs is null)
        {
            SendProbe(now);
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

        if (AtCrossings)
        {
            // While the stage is behind, look again as often as a tick would; otherwise when the core says.
            if (evaluation.Outcome == EvaluationOutcome.SkippedGossipBacklog)
            {
                ArmOwn(now, now + (long)_core.Settings.EvaluationInterval.TotalMilliseconds);
            }
            else
            {
                _armedDueMs = null;
                Rearm();
            }
        }
    }
}
