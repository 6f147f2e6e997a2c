using System.Security.Cryptography;
using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace AkkaApplication;

/// <summary>
/// The application's own actor, at <c>/user/payload-exchange</c> on every node. It follows gossip membership and, when
/// another member comes UP, sends the same actor on that node a 100 KB message over Akka.Remote (gtcp); the receiver
/// checks it arrived whole and acknowledges it.
/// </summary>
public sealed class PayloadExchangeActor : ReceiveActor
{
    public const string Name = "payload-exchange";

    public const int PayloadBytes = 100 * 1024;

    private readonly IGossipCluster _cluster;
    private readonly ILogger _log;
    private readonly HashSet<EndpointAddress> _sentWhileUp = [];

    public PayloadExchangeActor(IGossipCluster cluster, ILogger log)
    {
        _cluster = cluster;
        _log = log;
        Receive<CurrentClusterState>(state =>
        {
            foreach (var member in state.Snapshot.Members.Where(m => m.IsUp && !m.IsLocal))
            {
                SendPayload(member.Endpoint);
            }
        });
        Receive<MemberUp>(up => SendPayload(up.Endpoint));
        // A peer that comes UP again (restarted, or back after a partition) gets a new payload.
        Receive<MemberDown>(down => _sentWhileUp.Remove(down.Endpoint));
        Receive<MemberEvent>(_ => { });
        Receive<LargePayload>(OnPayload);
        Receive<PayloadReceived>(ack => _log.LogInformation(
            "{Peer} acknowledged our {Bytes}-byte payload ({Verdict})", ack.By, ack.Bytes, ack.Intact ? "SHA-256 ok" : "SHA-256 MISMATCH"));
    }

    protected override void PreStart() => _cluster.Subscribe(Self, ClusterInitialState.AsSnapshot);

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void SendPayload(EndpointAddress peer)
    {
        if (peer == _cluster.LocalEndpoint || !_sentWhileUp.Add(peer))
        {
            return;
        }

        var data = RandomNumberGenerator.GetBytes(PayloadBytes);
        // Every node runs an ActorSystem of the same name, so the peer's actor is at the same path under its address.
        var target = new RootActorPath(new Address(GossipTcpTransport.ProtocolScheme, Context.System.Name, peer.Host, peer.Port)) / "user" / Name;
        Context.ActorSelection(target).Tell(new LargePayload(_cluster.LocalEndpoint.ToString(), SHA256.HashData(data), data));
        _log.LogInformation("{Peer} is UP: sent a {Bytes}-byte payload to {Target}", peer, data.Length, target);
    }

    private void OnPayload(LargePayload payload)
    {
        var intact = SHA256.HashData(payload.Data).AsSpan().SequenceEqual(payload.Sha256);
        _log.LogInformation(
            "received a {Bytes}-byte payload from {Peer} ({Verdict})", payload.Data.Length, payload.From, intact ? "SHA-256 ok" : "SHA-256 MISMATCH");
        Sender.Tell(new PayloadReceived(_cluster.LocalEndpoint.ToString(), payload.Data.Length, intact));
    }
}
