using Akka.Actor;
using Akka.Cluster;

namespace GossipActors.ClusterComparison.AkkaNode;

/// <summary>Prints the cluster events the harness times, as they reach this node, one JSON line each.</summary>
public sealed class ClusterEventPrinter : ReceiveActor
{
    public ClusterEventPrinter(TextWriter output)
    {
        Receive<ClusterEvent.MemberUp>(e => Print(output, AkkaNodeEvent.Up, e.Member.Address));
        Receive<ClusterEvent.UnreachableMember>(e => Print(output, AkkaNodeEvent.Unreachable, e.Member.Address));
        Receive<ClusterEvent.ReachableMember>(e => Print(output, AkkaNodeEvent.Reachable, e.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(e => Print(output, AkkaNodeEvent.Removed, e.Member.Address));
        // Joined, Leaving, Exited and the rest are not timed.
        ReceiveAny(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(
            Self,
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent),
            typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    public static void Print(TextWriter output, string kind, Address address) =>
        output.WriteLine(new AkkaNodeEvent(kind, $"{address.Host}:{address.Port}", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).ToJsonLine());
}
