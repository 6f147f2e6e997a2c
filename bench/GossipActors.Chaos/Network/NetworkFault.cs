namespace GossipActors.Chaos.Network;

/// <summary>A fault the router applies to node traffic (never to the runner's own admin traffic).</summary>
public abstract record NetworkFault
{
    /// <summary>Every node the fault touches.</summary>
    public abstract IReadOnlySet<int> Nodes { get; }

    /// <summary>True when traffic between the two nodes is cut in either direction while the fault lasts.</summary>
    public abstract bool Separates(int a, int b);
}

/// <summary>Each packet to or from the node is dropped with the given probability (percent).</summary>
public sealed record PacketLoss(int Node, int Percent) : NetworkFault
{
    public override IReadOnlySet<int> Nodes => new HashSet<int> { Node };

    // Loss does not cut a pair: it only makes it unreliable, so the pair is judged as under fault, not as separated.
    public override bool Separates(int a, int b) => false;
}

/// <summary>
/// The cluster cut into two sides. Symmetric: nothing crosses. One-way (<paramref name="OneWay"/>): side A hears side
/// B, side B does not hear A (packets from A to B are dropped).
/// </summary>
public sealed record Partition(IReadOnlySet<int> SideA, IReadOnlySet<int> SideB, bool OneWay) : NetworkFault
{
    public override IReadOnlySet<int> Nodes => SideA.Union(SideB).ToHashSet();

    public override bool Separates(int a, int b) =>
        (SideA.Contains(a) && SideB.Contains(b)) || (SideA.Contains(b) && SideB.Contains(a));
}

/// <summary>Packets to the node delayed by <paramref name="Milliseconds"/> (tc netem on the router's link to it).</summary>
public sealed record LinkDelay(int Node, int Milliseconds) : NetworkFault
{
    public override IReadOnlySet<int> Nodes => new HashSet<int> { Node };

    public override bool Separates(int a, int b) => false;
}
