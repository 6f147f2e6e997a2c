namespace GossipActors.Protocol.FailureDetection;

/// <summary>Everything the detector keeps about one endpoint.</summary>
internal sealed class EndpointTracker(ArrivalWindow window, FlapHistory flaps)
{
    /// <summary>The last arrival known when the endpoint was convicted: it is up again only after a newer one.</summary>
    private long? _lastArrivalAtConviction;

    public ArrivalWindow Window { get; private set; } = window;

    public FlapHistory Flaps { get; } = flaps;

    public bool IsDown { get; private set; }

    /// <summary>The last crossing computed for this endpoint (<see cref="FailureDetectorCore.CrossingMs"/>).</summary>
    public CachedCrossing? CachedCrossing { get; set; }

    /// <summary>True once a direct heartbeat came: from then on only direct heartbeats are arrivals.</summary>
    public bool HearsDirectly { get; private set; }

    /// <summary>
    /// Judged on direct heartbeats because one was due (<see cref="FailureDetectorCore.KeepDirectOnly"/>), before any
    /// came: gossip's news of the endpoint still counts as an arrival until the first one does.
    /// </summary>
    public bool AwaitsFirstDirect { get; private set; }

    /// <summary>
    /// The first direct heartbeat, or the moment one was due (<paramref name="due"/>): the gossip-fed window is replaced
    /// by one of direct arrivals, since mixing the two would keep gossip's irregular gaps in the mean and deviation long
    /// after they stopped mattering.
    /// </summary>
    public void SwitchToDirect(ArrivalWindow direct, bool due = false)
    {
        Window = direct;
        HearsDirectly = true;
        AwaitsFirstDirect = due;
    }

    /// <summary>
    /// This node stopped observing the endpoint: back to gossip arrivals, from a fresh window (phi 0 until the first),
    /// since the direct heartbeats are about to stop for a reason that says nothing about the endpoint.
    /// </summary>
    public void SwitchToGossip(ArrivalWindow gossip)
    {
        Window = gossip;
        HearsDirectly = false;
        AwaitsFirstDirect = false;
    }

    public void MarkDown(long nowMs)
    {
        IsDown = true;
        _lastArrivalAtConviction = Window.LastArrivalMs;
        Flaps.Record(nowMs, isUp: false);
    }

    public bool HeardSinceConviction => Window.LastArrivalMs != _lastArrivalAtConviction;

    public void MarkUp(long nowMs)
    {
        IsDown = false;
        Flaps.Record(nowMs, isUp: true);
    }
}
