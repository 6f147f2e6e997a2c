using System.Diagnostics;
using Akka.Actor;
using GossipActors.TransportComparison.Measurement;

namespace GossipActors.TransportComparison.Actors;

/// <summary>
/// On system B: records each small message's one-way latency (A's send stamp to this actor handling it, so
/// B's mailbox wait is included, as a user's actor would see it) and returns it unchanged as the sender's credit.
/// Its count inside the window is the small-message rate.
/// </summary>
public sealed class SmallEcho : ReceiveActor
{
    private readonly LatencySamples _oneWay = new();

    // Empty until the driver sends the window, so the Identify round trip that resolves this actor from A
    // and anything before the window counts for nothing.
    private MeasurementWindow _window;

    public SmallEcho()
    {
        Receive<MeasurementWindow>(window => _window = window);
        Receive<byte[]>(OnSmall);
        Receive<ReportRequest>(_ => Sender.Tell(_oneWay.Summarize()));
    }

    private void OnSmall(byte[] message)
    {
        var now = Stopwatch.GetTimestamp();
        if (_window.Contains(now))
        {
            _oneWay.Add(now - Payload.SentAt(message));
        }

        Sender.Tell(message, Self);
    }
}
