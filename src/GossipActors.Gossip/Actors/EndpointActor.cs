using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// <c>endpoints/&lt;id&gt;</c>: one known endpoint as this node sees it. It holds the endpoint's latest
/// state and liveness, sends the echoes that must be answered before the endpoint is reported UP,
/// records the failure detector's verdicts, and publishes the endpoint's membership events on the event
/// stream (the gossiper itself delivers them to <c>IGossipCluster</c> subscribers). The liveness rules themselves are the pure core's; a restarted endpoint
/// actor asks the gossiper for the current state instead of starting empty.
/// </summary>
internal sealed class EndpointActor : GossipActor
{
    private readonly EndpointAddress _endpoint;
    private readonly IGossipTransport _transport;
    private EndpointState? _state;
    private LivenessStatus _liveness = LivenessStatus.Unknown;
    private long? _pendingEcho;
    private double? _lastConvictionPhi;
    private int _published;
    private bool _restarted;

    public EndpointActor(EndpointAddress endpoint, IGossipTransport transport, ILoggerFactory? loggerFactory)
        : base(loggerFactory)
    {
        _endpoint = endpoint;
        _transport = transport;

        Receive<EndpointUpdate>(OnUpdate);
        Receive<SendEcho>(message =>
        {
            _pendingEcho = message.Echo.Id;
            _transport.Send(_endpoint, message.Echo);
        });
        Receive<PhiConvicted>(message => _lastConvictionPhi = message.Phi);
        Receive<PhiRecovered>(_ => { });
        Receive<EndpointResync>(message =>
        {
            _state = message.State;
            _liveness = message.Liveness;
        });
        Receive<GetEndpointView>(_ => Sender.Tell(new EndpointView(_endpoint, _state, _liveness, _pendingEcho, _lastConvictionPhi, _published, _restarted)));
    }

    protected override void PostRestart(Exception reason)
    {
        _restarted = true;
        Context.Parent.Tell(new ResyncEndpoint(_endpoint), Self);
    }

    private void OnUpdate(EndpointUpdate update)
    {
        if (update.State is not null)
        {
            _state = update.State;
        }

        _liveness = update.Liveness;
        if (update.Event.Kind == MembershipEventKind.Up)
        {
            _pendingEcho = null;
        }

        _published++;
        Context.System.EventStream.Publish(update.Published);
        if (update.Event.Kind == MembershipEventKind.Removed)
        {
            Context.Stop(Self);
        }
    }
}
