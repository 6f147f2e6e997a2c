using System.Globalization;
using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Persistence;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Protocol.Text;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// <c>/system/gossip</c> (or <c>/user/&lt;name&gt;</c>): drives the pure <see cref="GossipNodeCore"/> (which owns the
/// cluster state) on the Akka scheduler's clock, and turns its outputs into actor work: SYNs become <c>rounds/round-N</c> children
/// (one exchange per peer at a time), membership events and echoes go to <c>endpoints/&lt;id&gt;</c>,
/// heartbeat arrivals go to <c>failure-detector</c>, everything else goes to the transport.
/// Children that crash are restarted; they rebuild from the runtime, which outlives them.
/// </summary>
public sealed class Gossiper : GossipActor
{
    private const string RoundTimerKey = "gossip-round";
    private const string LoadTimerKey = "publish-load";
    private const string ShadowRoundTimerKey = "shadow-round";
    private const string NewsRoundTimerKey = "news-round";
    private const string HeartbeatTimerKey = "direct-heartbeat";
    private readonly GossiperRuntime _rt;
    private IActorRef _failureDetector = ActorRefs.Nobody;
    private IActorRef _rounds = ActorRefs.Nobody;
    private IActorRef _endpoints = ActorRefs.Nobody;

    // When the pending news-round timer fires (the core's due time it was set for), so one due time is scheduled once.
    private long? _newsRoundTimerDueAtMs;

    public Gossiper(GossiperRuntime runtime)
        : base(runtime?.LoggerFactory)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _rt = runtime;
        if (runtime.IsInitialized)
        {
            Running();
        }
        else
        {
            Receive<InitializeGossiper>(_ =>
            {
                CreateChildren();
                Become(Running);
            });

            // The transport may deliver before the node is wired up; gossip is retried, so dropping is safe.
            Receive<GossipEnvelope>(_ => { });
        }
    }

    private GossipNodeCore Core => _rt.Core;

    private void Running()
    {
        Receive<InitializeGossiper>(_ =>
        {
            if (Context.Child("rounds").Equals(ActorRefs.Nobody))
            {
                CreateChildren();
            }
        });
        Receive<GossipEnvelope>(OnInbound);
        Receive<GossipTick>(_ => OnTick());
        Receive<ShadowRoundTick>(_ => OnShadowRoundTick());
        Receive<NewsRoundTick>(_ => OnNewsRoundTick());
        Receive<PublishLoadTick>(_ => PublishLoad());
        Receive<DirectHeartbeatTick>(_ => SendDirectHeartbeats());
        Receive<StartGossip>(OnStart);
        Receive<RoundAckReceived>(OnRoundAck);
        Receive<RoundEnded>(OnRoundEnded);
        Receive<PhiConvicted>(OnConvicted);
        Receive<PhiRecovered>(m =>
        {
            _endpoints.Tell(new ToEndpoint(m.Endpoint, m), Self);
            Dispatch(Core.Recovered(m.Endpoint, NowMs));
        });
        Receive<StageProbe>(probe => Sender.Tell(probe));
        Receive<ResyncEndpoint>(m => Sender.Tell(new EndpointResync(Core.Table.Get(m.Endpoint), Core.LivenessOf(m.Endpoint))));
        Receive<SetApplicationState>(m =>
        {
            Dispatch(Core.SetApplicationState(m.Key, m.Value, NowMs));
            Sender.Tell(Done.Instance);
        });
        Receive<ShutdownGossip>(_ =>
        {
            AnnounceShutdown();
            Sender.Tell(Done.Instance);
        });
        Receive<StopGossiper>(_ =>
        {
            AnnounceShutdown();
            Context.Stop(Self);
        });
        Receive<Decommission>(_ => OnDecommission());
        Receive<Assassinate>(m =>
        {
            _rt.Snapshots.Touch(m.Endpoint);
            Sender.Tell(Admin(Core.Assassinate(m.Endpoint, m.Confirm, NowMs), $"{m.Endpoint} assassinated: generation + 1 with STATUS LEFT is being gossiped"));
        });
        Receive<SubscribeCluster>(OnSubscribe);
        Receive<UnsubscribeCluster>(m =>
        {
            if (_rt.Subscribers.Remove(m.Subscriber) && IsActor(m.Subscriber))
            {
                Context.Unwatch(m.Subscriber);
            }
        });
        Receive<Terminated>(m => _rt.Subscribers.Remove(m.ActorRef));
        Receive<GetGossipView>(_ => Sender.Tell(BuildView()));
        Receive<GetEndpointActor>(m => _endpoints.Forward(m));
        Receive<GetFailureDetectorActor>(_ => Sender.Tell(_failureDetector));
        Receive<ChangePhiConvictThreshold>(m => _failureDetector.Forward(m));
        Receive<GetFailureDetectorReport>(_ => _failureDetector.Tell(new ReportFor(Sender), Self));
        Receive<ReportReady>(ready => ready.ReplyTo.Tell(ready.Report with
        {
            // Read here, in the gossiper's turn: the claims and the clock estimates live in the core.
            Endpoints = [.. ready.Report.Endpoints.Select(s => s with
            {
                ConvictedBy = Core.ClaimantOf(s.Endpoint),
                ClockSkew = Core.TryGetClockSkew(s.Endpoint, out var skew) ? skew : null,
            })],
            ClockSkewWarningMs = Core.Options.Settings.ClockSkewWarningMs,
        }));
    }

    private long NowMs => Context.System.Scheduler.Now.ToUnixTimeMilliseconds();

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, null, _ => Directive.Restart);

    private void CreateChildren()
    {
        var observer = Core.LocalEndpoint;
        var fd = _rt.FailureDetector;
        var self = Self;
        var rt = _rt;
        var loggers = _rt.LoggerFactory;
        _rounds = Context.ActorOf(rt.ForTree(Props.Create(() => new RoundsActor(rt, self))), "rounds");
        _endpoints = Context.ActorOf(rt.ForTree(Props.Create(() => new EndpointsActor(rt))), "endpoints");
        _failureDetector = Context.ActorOf(rt.ForTree(Props.Create(() => new FailureDetectorActor(fd, self, observer, loggers))), "failure-detector");
    }

    // A restart keeps the children (they hold nothing the runtime does not) and resumes the rounds.
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override void PostRestart(Exception reason)
    {
        if (!_rt.IsInitialized)
        {
            return;
        }

        _rounds = Context.Child("rounds");
        _endpoints = Context.Child("endpoints");
        _failureDetector = Context.Child("failure-detector");
        if (_rt.Ticking)
        {
            Timers.StartPeriodicTimer(RoundTimerKey, GossipTick.Instance, _rt.Timings.Interval);
            if (Core.Phase == GossipNodePhase.Running)
            {
                Timers.StartPeriodicTimer(LoadTimerKey, PublishLoadTick.Instance, _rt.Timings.LoadPublishInterval);
                StartDirectHeartbeats();
            }
        }
    }

    private void OnStart(StartGossip start)
    {
        if (_rt.Ticking)
        {
            return;
        }

        _rt.Ticking = true;
        Timers.StartPeriodicTimer(RoundTimerKey, GossipTick.Instance, _rt.Timings.FirstRoundDelay, _rt.Timings.Interval);
        Dispatch(Core.Start(NowMs, start.SkipShadowRound));
    }

    private void OnInbound(GossipEnvelope envelope)
    {
        _rt.InboundObserver?.Invoke(envelope);
        var arrived = TimeProvider.System.GetTimestamp();
        if (envelope.Message is GossipDigestAck ack && Core.Phase == GossipNodePhase.Running &&
            _rt.Rounds.TryGetValue(envelope.From, out var round))
        {
            _rounds.Tell(new ToRound(round, ack), Self);
            return;
        }

        long? transit = null;
        if (_rt.Ring.TryTake(envelope, NowMs, out var directArrival))
        {
            // The detector's input only: the core keeps no state for it. A gossiper lagging behind its mailbox delays it,
            // as it delays gossip arrivals; the detector's backlog guard then holds convictions back.
            if (directArrival)
            {
                _failureDetector.Tell(new DirectHeartbeatArrived(envelope.From, NowMs), Self);
            }

            if (envelope.Message is GossipHeartbeat { SentAtMs: { } sentAt })
            {
                transit = Core.HeartbeatTransitMs(envelope.From, sentAt, NowMs, out _);
            }
        }
        else
        {
            if (envelope.Message is GossipShutdown shutdown)
            {
                // It may mark down an endpoint that was not UP, which the core reports with no event.
                _rt.Snapshots.Touch(shutdown.Endpoint);
            }

            Dispatch(Core.Receive(envelope, NowMs));
        }

        _rt.InboundHandledObserver?.Invoke(new InboundHandled(envelope, arrived, TimeProvider.System.GetTimestamp(), transit));
    }

    // In the gossiper's turn: no change can fall between the snapshot sent and the subscriber joining the list.
    private void OnSubscribe(SubscribeCluster subscribe)
    {
        var subscriber = subscribe.Subscriber;
        if (_rt.Subscribers.Add(subscriber) && IsActor(subscriber))
        {
            Context.Watch(subscriber);
        }

        if (subscribe.InitialState == ClusterInitialState.AsSnapshot)
        {
            var snapshot = _rt.Snapshots.Current;
            subscriber.Tell(new CurrentClusterState(Core.LocalEndpoint, Context.System.Scheduler.Now, snapshot) { Version = snapshot.Version }, Self);
        }
    }

    // A callback has no cell to watch; its Dispose unsubscribes it.
    private static bool IsActor(IActorRef subscriber) => subscriber is not ClusterEventCallback;

    private void OnRoundAck(RoundAckReceived message)
    {
        var ack2 = Dispatch(Core.Receive(new GossipEnvelope(message.Peer, Core.LocalEndpoint, message.Ack), NowMs), message.Peer);
        Sender.Tell(new RoundAck2Ready(ack2));
    }

    private void OnRoundEnded(RoundEnded ended)
    {
        if (ended.Outcome == RoundOutcome.TimedOut)
        {
            _rt.RoundsTimedOut++;
        }
        else
        {
            _rt.RoundsCompleted++;
        }

        if (_rt.Rounds.TryGetValue(ended.Peer, out var current) && current == ended.Round)
        {
            _rt.Rounds.Remove(ended.Peer);
            if (_rt.Exchanges.Completed(ended.Peer) is { } next)
            {
                StartRound(next);
            }
        }
    }

    private void OnConvicted(PhiConvicted convicted)
    {
        _endpoints.Tell(new ToEndpoint(convicted.Endpoint, convicted), Self);
        // A conviction of an endpoint that was not UP marks it down with no event.
        _rt.Snapshots.Touch(convicted.Endpoint);
        Dispatch(Core.Convict(convicted.Endpoint, NowMs, convicted.ByObserver));
    }

    private void AnnounceShutdown()
    {
        Timers.Cancel(RoundTimerKey);
        Timers.Cancel(LoadTimerKey);
        Timers.Cancel(HeartbeatTimerKey);
        _rt.Ticking = false;
        Dispatch(Core.Shutdown(NowMs));
        SavePeers();
    }

    // Not called on a restart (PreRestart is overridden): this is the tree's end.
    protected override void PostStop() => _rt.Stopped.TrySetResult();

    /// <summary>
    /// Routes one core output. When <paramref name="ack2For"/> is given, an ACK2 to that peer is not sent
    /// but returned, for the round that owns the exchange to send.
    /// </summary>
    private GossipDigestAck2? Dispatch(GossipOutput output, EndpointAddress? ack2For = null)
    {
        GossipDigestAck2? ack2 = null;
        foreach (var warning in output.Warnings)
        {
            if (warning.Kind is GossipWarningKind.AssassinatedWhileAlive or GossipWarningKind.HostIdCollision)
            {
                Log.LogError("{Warning}", LogText.Escape(warning.Message));
            }
            else if (warning.Kind is GossipWarningKind.ClockSkewRecovered)
            {
                Log.LogInformation("{Warning}", LogText.Escape(warning.Message));
            }
            else
            {
                Log.LogWarning("{Warning}", LogText.Escape(warning.Message));
            }
        }

        var transport = _rt.Transport;
        foreach (var envelope in output.Messages)
        {
            switch (envelope.Message)
            {
                case GossipDigestSyn syn when syn.Digests.Count > 0:
                    switch (_rt.Exchanges.Offer(envelope))
                    {
                        case OfferResult.SendNow:
                            StartRound(envelope);
                            break;
                        case OfferResult.ReplacedOlder:
                            _rt.CountReplacedExchange();
                            break;
                    }

                    break;
                case GossipDigestAck2 reply when envelope.To == ack2For && ack2 is null:
                    ack2 = reply;
                    break;
                case Echo echo:
                    // The echo made the endpoint ECHO_PENDING, which the core reports with no event.
                    _rt.Snapshots.Touch(envelope.To);
                    _endpoints.Tell(new ToEndpoint(envelope.To, new SendEcho(echo)), Self);
                    break;
                default:
                    transport.Send(envelope.To, envelope.Message);
                    break;
            }
        }

        var snapshots = _rt.Snapshots;
        foreach (var change in output.Events)
        {
            snapshots.Touch(change.Endpoint);
        }

        foreach (var gone in output.Forgotten)
        {
            snapshots.Touch(gone);
        }

        // Published before any event leaves: whoever receives an event can read a snapshot that shows it.
        var version = snapshots.Publish(Core);
        foreach (var change in output.Events)
        {
            OnMembershipEvent(change, version);
        }

        foreach (var gone in output.Forgotten)
        {
            transport.Forget(gone);
            _failureDetector.Tell(new ForgetEndpoint(gone), Self);
        }

        if (output.HeartbeatArrivals.Count > 0)
        {
            _failureDetector.Tell(new HeartbeatsArrived([.. output.HeartbeatArrivals]), Self);
        }

        if (output.StartedGossip)
        {
            Log.LogInformation("gossip started at {Endpoint} (generation {Generation}, {Known} endpoints known)",
                Core.LocalEndpoint, Core.Generation, Core.Table.Count);
            _rt.Started.TrySetResult();
        }

        if (output.StartupFailure is { } failure)
        {
            Log.LogError("{Failure}", failure.Message);
            Timers.Cancel(RoundTimerKey);
            _rt.Ticking = false;
            _rt.Started.TrySetException(failure);
        }

        if (output.Fatal is { } fatal)
        {
            Log.LogError("{Failure}", fatal.Message);
            Timers.Cancel(RoundTimerKey);
            Timers.Cancel(LoadTimerKey);
            Timers.Cancel(HeartbeatTimerKey);
            _rt.Ticking = false;
            SavePeers();
            _rt.Faulted.TrySetException(fatal);
        }

        // After the output is consumed: the core reuses its output object for the next call.
        if (output.StartedGossip)
        {
            PublishLoad();
            Timers.StartPeriodicTimer(LoadTimerKey, PublishLoadTick.Instance, _rt.Timings.LoadPublishInterval);
            StartDirectHeartbeats();
            SendDirectHeartbeats();
        }

        // The shadow round's resends start well inside one gossip interval, so it is ticked when it is due too.
        if (_rt.Ticking && Core.ShadowRoundDueAtMs is { } due)
        {
            Timers.StartSingleTimer(ShadowRoundTimerKey, ShadowRoundTick.Instance, TimeSpan.FromMilliseconds(Math.Max(0, due - NowMs)));
        }

        // News (a join, a restart, this node's own start) is spread in an extra round, not at the next tick.
        if (_rt.Ticking && Core.NewsRoundDueAtMs is { } news && news != _newsRoundTimerDueAtMs)
        {
            _newsRoundTimerDueAtMs = news;
            Timers.StartSingleTimer(NewsRoundTimerKey, NewsRoundTick.Instance, TimeSpan.FromMilliseconds(Math.Max(0, news - NowMs)));
        }

        return ack2;
    }

    private void OnDecommission()
    {
        var output = Core.Decommission(NowMs);
        var rounds = GossipSettings.LeavingRounds;
        var result = Admin(output, string.Create(CultureInfo.InvariantCulture,
            $"decommission of {Core.LocalEndpoint} begun: STATUS LEAVING now, LEFT after {rounds} rounds; keep the node running {GossipSettings.LeftRounds} rounds more so the cluster hears LEFT, then stop it"));
        Sender.Tell(result);
        if (!result.Accepted || _rt.Store is not { } store)
        {
            return;
        }

        // Marked before it is LEFT: a node stopped half-way must not come back unnoticed either.
        try
        {
            store.SaveLocal(new PersistedLocalNode(Core.Options.HostId, Core.Generation, NowMs));
        }
        catch (DataDirectoryException e)
        {
            Log.LogWarning("could not mark the data directory as decommissioned: {Error}; a restart with it would rejoin", e.Message);
        }
    }

    private void PublishLoad()
    {
        if (Core.Phase != GossipNodePhase.Running || Core.Table.Get(Core.LocalEndpoint) is not { } own)
        {
            return;
        }

        var bytes = NodeLoad.Compute(NodeLoad.DataDirectoryBytes(_rt.Store?.DataDirectory), own.ApplicationStates);
        Dispatch(Core.SetApplicationState(ApplicationStateKeys.Load, NodeLoad.Format(bytes), NowMs));
    }

    private void StartDirectHeartbeats()
    {
        var detector = _rt.FailureDetector.Settings;
        if (detector.Heartbeats == HeartbeatSource.Direct)
        {
            Timers.StartPeriodicTimer(HeartbeatTimerKey, DirectHeartbeatTick.Instance, detector.HeartbeatInterval);
        }
    }

    private void SendDirectHeartbeats()
    {
        if (_rt.FailureDetector.Settings.Heartbeats != HeartbeatSource.Direct)
        {
            return;
        }

        var duty = HeartbeatDuty.Run(Core, _rt.Ring, NowMs);
        _failureDetector.Tell(new ObservedEndpoints(duty.Observed), Self);
        Dispatch(duty.Claims);
        foreach (var (to, message, asDatagram) in duty.Sends())
        {
            if (asDatagram)
            {
                _rt.Transport.SendDatagram(to, message);
            }
            else
            {
                _rt.Transport.Send(to, message);
            }
        }
    }

    private void OnShadowRoundTick()
    {
        if (_rt.Ticking && Core.Phase == GossipNodePhase.ShadowRound)
        {
            Dispatch(Core.Tick(NowMs));
        }
    }

    private void OnNewsRoundTick()
    {
        _newsRoundTimerDueAtMs = null;
        if (_rt.Ticking)
        {
            Dispatch(Core.TickNews(NowMs));
        }
    }

    private void OnTick()
    {
        Dispatch(Core.Tick(NowMs));
        if (Core.Phase == GossipNodePhase.Running)
        {
            MaybeSavePeers();
        }
    }

    // Peers are saved from round ticks, every few rounds, and only when membership changed.
    private void MaybeSavePeers()
    {
        if (++_rt.TicksSinceSave < GossipTimings.SavePeersEveryRounds || !_rt.PeersChanged)
        {
            return;
        }

        SavePeers();
    }

    private void SavePeers()
    {
        _rt.TicksSinceSave = 0;
        if (_rt.Store is not { } store)
        {
            return;
        }

        try
        {
            store.SavePeers(Core.Members()
                .Where(m => !m.IsLocal)
                .Select(m => new PersistedPeer(
                    m.Endpoint.ToString(),
                    Guid.TryParse(m.State.Get(ApplicationStateKeys.HostId)?.Value, out var hostId) ? hostId : null,
                    m.State.Get(ApplicationStateKeys.Dc)?.Value,
                    m.State.Get(ApplicationStateKeys.Rack)?.Value,
                    Core.Table.UpdatedAtMs(m.Endpoint),
                    EndpointStatus.HasDeparted(m.Status) ? PersistedEndpointState.From(m.State) : null)));
            _rt.PeersChanged = false;
        }
        catch (DataDirectoryException e)
        {
            Log.LogWarning("could not save the peer table to {Path}: {Error}; will retry", store.PeersPath, e.Message);
        }
    }

    private void OnMembershipEvent(MembershipEvent change, long version)
    {
        var published = MemberEvent.From(Core.LocalEndpoint, change, version);
        _rt.Subscribers.Deliver(published, Self);

        if (change.Kind is MembershipEventKind.Joined or MembershipEventKind.Removed or MembershipEventKind.Restarted or MembershipEventKind.Up ||
            (change.Kind == MembershipEventKind.StateChanged && change.Key == ApplicationStateKeys.Status && change.Endpoint != Core.LocalEndpoint))
        {
            _rt.PeersChanged = true;
        }

        if (change.Kind == MembershipEventKind.Removed)
        {
            _failureDetector.Tell(new ForgetEndpoint(change.Endpoint), Self);
            _endpoints.Tell(new ToEndpoint(change.Endpoint, new EndpointUpdate(change, published, null, LivenessStatus.Unknown)), Self);
            return;
        }

        _endpoints.Tell(new ToEndpoint(change.Endpoint,
            new EndpointUpdate(change, published, Core.Table.Get(change.Endpoint), Core.LivenessOf(change.Endpoint))), Self);
    }

    private void StartRound(GossipEnvelope syn)
    {
        var round = ++_rt.NextRound;
        _rt.RoundsStarted++;
        var peer = syn.To;
        _rounds.Tell(new StartRoundActor(round, peer, (GossipDigestSyn)syn.Message), Self);
        _rt.Rounds[peer] = round;
    }

    private GossipView BuildView()
    {
        var snapshot = Core.Snapshot();
        var members = new List<ClusterMember>(snapshot.Count);
        foreach (var (endpoint, state) in snapshot.States)
        {
            var isLocal = endpoint == Core.LocalEndpoint;
            members.Add(new ClusterMember(endpoint, isLocal, isLocal ? LivenessStatus.Up : Core.LivenessOf(endpoint),
                state.HeartBeat, state.ApplicationStates, Core.Table.UpdatedAtMs(endpoint)));
        }

        return new GossipView(Core.LocalEndpoint, Core.Options.HostId, Core.Generation, Core.Phase, members);
    }

    private AdminResult Admin(GossipOutput output, string success)
    {
        var refused = output.Warnings.FirstOrDefault(w => w.Kind is GossipWarningKind.AssassinateNotConfirmed or GossipWarningKind.InvalidRequest);
        var result = refused is null ? new AdminResult(true, success) : new AdminResult(false, refused.Message);
        Dispatch(output);
        return result;
    }
}
