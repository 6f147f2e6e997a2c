using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Actors;

/// <summary>Begins the shadow round (or gossip, for a node with nobody to ask). Sent once by <see cref="Cluster.GossipNode"/>.</summary>
public sealed record StartGossip(bool SkipShadowRound = false);

/// <summary>Sent by <see cref="Cluster.GossipNode"/> once the runtime is complete: the gossiper creates its children.</summary>
internal sealed class InitializeGossiper
{
    public static readonly InitializeGossiper Instance = new();
}

/// <summary>Timer message: one gossip round (or shadow-round step).</summary>
internal sealed class GossipTick
{
    public static readonly GossipTick Instance = new();
}

/// <summary>Timer message: the shadow round's next resend (or wait) is due, sooner than the next gossip tick.</summary>
internal sealed class ShadowRoundTick
{
    public static readonly ShadowRoundTick Instance = new();
}

/// <summary>Timer message: the core's news round is due (a join or restart to spread before the next gossip tick).</summary>
internal sealed class NewsRoundTick
{
    public static readonly NewsRoundTick Instance = new();
}

/// <summary>Timer message: send this node's direct heartbeat to every peer (<c>gossip.failure-detector.heartbeats = direct</c>).</summary>
internal sealed class DirectHeartbeatTick
{
    public static readonly DirectHeartbeatTick Instance = new();
}

/// <summary>Timer message: measure and publish this node's LOAD.</summary>
internal sealed class PublishLoadTick
{
    public static readonly PublishLoadTick Instance = new();
}

/// <summary>Sets an application state of the local endpoint; the reply is <see cref="Done"/>.</summary>
public sealed record SetApplicationState(string Key, string Value);

/// <summary>Graceful shutdown: STATUS shutdown,true announced to known peers that are not already gone. Replies <see cref="Done"/>.</summary>
public sealed class ShutdownGossip
{
    public static readonly ShutdownGossip Instance = new();
}

/// <summary>What <see cref="Cluster.GossipNode.StopAsync"/> sends: the shutdown announcement, then the gossiper stops.</summary>
internal sealed class StopGossiper
{
    public static readonly StopGossiper Instance = new();
}

/// <summary>Announce LEFT with an expiry. Replies <see cref="AdminResult"/>.</summary>
public sealed class Decommission
{
    public static readonly Decommission Instance = new();
}

/// <summary>Declare another endpoint gone (generation + 1, LEFT). Refused unless <see cref="Confirm"/>. Replies <see cref="AdminResult"/>.</summary>
public sealed record Assassinate(EndpointAddress Endpoint, bool Confirm);

/// <summary>The outcome of an administrative request, worded for an operator.</summary>
public sealed record AdminResult(bool Accepted, string Message);

/// <summary>Replies a <see cref="Cluster.GossipView"/> built now.</summary>
public sealed class GetGossipView
{
    public static readonly GetGossipView Instance = new();
}

/// <summary>
/// Subscribes <see cref="Subscriber"/> to this node's <see cref="MemberEvent"/>s, after a <see cref="CurrentClusterState"/>
/// when <see cref="InitialState"/> asks for it. The gossiper watches an actor subscriber and drops it when it stops.
/// Subscribing again changes nothing but sends the initial state again when asked.
/// </summary>
public sealed record SubscribeCluster(IActorRef Subscriber, ClusterInitialState InitialState);

/// <summary>Stops the events to <see cref="Subscriber"/>; those the gossiper sent before stay in its mailbox.</summary>
public sealed record UnsubscribeCluster(IActorRef Subscriber);

/// <summary>Replies the <c>IActorRef</c> of <c>endpoints/&lt;id&gt;</c> (Nobody when unknown); for tests and diagnostics.</summary>
public sealed record GetEndpointActor(EndpointAddress Endpoint);

/// <summary>Replies the <c>IActorRef</c> of the failure-detector child.</summary>
public sealed class GetFailureDetectorActor
{
    public static readonly GetFailureDetectorActor Instance = new();
}

/// <summary>Generic acknowledgement.</summary>
public sealed class Done
{
    public static readonly Done Instance = new();
}

// ---- rounds ----

/// <summary>A round got its ACK: the gossiper applies it and answers with the ACK2 to send (or none).</summary>
internal sealed record RoundAckReceived(long Round, EndpointAddress Peer, GossipDigestAck Ack);

internal sealed record RoundAck2Ready(GossipDigestAck2? Ack2);

internal sealed class RoundTimedOut
{
    public static readonly RoundTimedOut Instance = new();
}

public enum RoundOutcome
{
    Completed,
    TimedOut,
}

/// <summary>A round's end, told to the gossiper so the next exchange with that peer may start.</summary>
internal sealed record RoundEnded(long Round, EndpointAddress Peer, RoundOutcome Outcome);

// ---- endpoints ----

/// <summary>What the gossiper tells an endpoint actor: its membership event (and the form subscribers got) and state after a change.</summary>
internal sealed record EndpointUpdate(MembershipEvent Event, MemberEvent Published, EndpointState? State, LivenessStatus Liveness);

/// <summary>An echo the core wants sent; the endpoint actor sends it and keeps it as pending.</summary>
internal sealed record SendEcho(Echo Echo);

/// <summary>Sent by a restarted endpoint actor to its parent, answered with <see cref="EndpointResync"/>.</summary>
internal sealed record ResyncEndpoint(EndpointAddress Endpoint);

internal sealed record EndpointResync(EndpointState? State, LivenessStatus Liveness);

/// <summary>The failure detector convicted the endpoint with this phi.</summary>
public sealed record PhiConvicted(EndpointAddress Endpoint, double Phi, bool ByObserver = false);

/// <summary>A convicted endpoint's phi fell back below the threshold (it is heard from again).</summary>
public sealed record PhiRecovered(EndpointAddress Endpoint);

/// <summary>Replies the endpoint actor's view (<see cref="Cluster.EndpointView"/>).</summary>
public sealed class GetEndpointView
{
    public static readonly GetEndpointView Instance = new();
}

// ---- failure detector ----

/// <summary>Heartbeat arrivals from one gossip step, batched so a large ACK costs one message.</summary>
internal sealed record HeartbeatsArrived(HeartbeatArrival[] Arrivals);

/// <summary>A peer's direct heartbeat, accepted by the gossiper (<see cref="GossipActors.Protocol.Gossip.DirectHeartbeats.Accepts"/>).</summary>
internal sealed record DirectHeartbeatArrived(EndpointAddress Endpoint, long AtMs);

internal sealed record ForgetEndpoint(EndpointAddress Endpoint);

/// <summary>The gossiper asks the detector for its report on behalf of <paramref name="ReplyTo"/>, to add the core's claims.</summary>
internal sealed record ReportFor(IActorRef ReplyTo);

/// <summary>The detector's answer to <see cref="ReportFor"/>.</summary>
internal sealed record ReportReady(Cluster.FailureDetectorReport Report, IActorRef ReplyTo);

/// <summary>The endpoints this node observes now (<see cref="GossipActors.Protocol.Gossip.ObserverRing"/>), for the detector.</summary>
internal sealed record ObservedEndpoints(IReadOnlySet<EndpointAddress> Endpoints);

internal sealed class EvaluateTick
{
    public static readonly EvaluateTick Instance = new();
}

/// <summary>
/// Backlog probe: the detector sends one to the gossiper and the gossiper echoes it back; while one is
/// outstanding, its age is how far behind the gossip stage is.
/// </summary>
internal sealed record StageProbe(long SentAtMs);

/// <summary>
/// Changes the phi threshold at run time; replies <see cref="ThresholdChange"/> (always in-memory). With
/// <paramref name="RestoreAfter"/>, the detector restores the earlier threshold when that window ends.
/// </summary>
public sealed record ChangePhiConvictThreshold(double Value, TimeSpan? RestoreAfter = null);

/// <summary>The detector's timer: a timed threshold change's window may have ended.</summary>
internal sealed class RestoreThresholdDue
{
    public static readonly RestoreThresholdDue Instance = new();
}

/// <summary>Replies <see cref="Cluster.FailureDetectorReport"/>: the threshold in force with every endpoint's snapshot.</summary>
public sealed class GetFailureDetectorReport
{
    public static readonly GetFailureDetectorReport Instance = new();
}

/// <summary>Published on the event stream after an evaluation convicted or recovered anyone, or warned.</summary>
public sealed record FailureDetectorWarning(EndpointAddress Observer, string Message);

/// <summary>Published when the failure detector convicts (IsUp false) or clears (IsUp true) an endpoint.</summary>
public sealed record FailureDetectorVerdict(EndpointAddress Observer, EndpointAddress Endpoint, bool IsUp, double Phi);

/// <summary>Published when an evaluation was skipped or convictions suppressed, with the reason.</summary>
public sealed record FailureDetectorEvaluated(EndpointAddress Observer, EvaluationOutcome Outcome, long GossipBacklogMs);
