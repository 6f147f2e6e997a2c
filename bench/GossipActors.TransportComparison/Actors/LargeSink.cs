using System.Diagnostics;
using Akka.Actor;
using GossipActors.TransportComparison.Measurement;

namespace GossipActors.TransportComparison.Actors;

/// <summary>On system B: counts large messages handled inside the window and acks each with one byte.</summary>
public sealed class LargeSink : ReceiveActor
{
    // Shared by every ack: never written, and a byte[] so the ack costs the transport one tiny frame.
    private static readonly byte[] Ack = [1];

    // Empty until the driver sends it: see SmallEcho.
    private MeasurementWindow _window;
    private long _received;

    public LargeSink()
    {
        Receive<MeasurementWindow>(window => _window = window);
        Receive<byte[]>(_ =>
        {
            if (_window.Contains(Stopwatch.GetTimestamp()))
            {
                _received++;
            }

            Sender.Tell(Ack, Self);
        });
        Receive<ReportRequest>(_ => Sender.Tell(new LargeReport(_received)));
    }
}
