namespace GossipActors.Protocol.FailureDetection;

/// <summary>Everything the detector keeps about one endpoint.</summary>
internal sealed class EndpointTracker(ArrivalWindow window, FlapHistory flaps)
{
    /// <summary>The last arrival known when the endpoint was convicted: it is up again only after a newer one.</summary>
    private long? _lastArrivalAtConviction;

    public ArrivalWindow Window { get; } = window;

    public FlapHistory Flaps { get; } = flaps;

    public bool IsDown { get; private set; }

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
