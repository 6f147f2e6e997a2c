using System.Diagnostics;
using Akka.Actor;
using GossipActors.TransportComparison.Measurement;

namespace GossipActors.TransportComparison.Actors;

/// <summary>
/// On system A: keeps exactly <c>outstanding</c> small messages in flight to the echo on B and sends the next one
/// only when an echo returns. The bound is what keeps the measured latency the transport's: an unbounded sender
/// would mostly measure its own backlog in Akka.Remote's endpoint queue. Also records the round trip.
/// </summary>
public sealed class SmallSender : ReceiveActor
{
    private readonly IActorRef _echo;
    private readonly int _size;
    private readonly int _outstanding;
    private readonly MeasurementWindow _window;
    private readonly LatencySamples _roundTrips = new();
    private bool _stopped;

    public SmallSender(IActorRef echo, int size, int outstanding, MeasurementWindow window)
    {
        _echo = echo;
        _size = size;
        _outstanding = outstanding;
        _window = window;
        Receive<byte[]>(OnEcho);
        Receive<StopSending>(_ => _stopped = true);
        Receive<ReportRequest>(_ => Sender.Tell(_roundTrips.Summarize()));
    }

    public static Props Props(IActorRef echo, int size, int outstanding, MeasurementWindow window) =>
        // global:: because inside GossipActors.* the name Akka means the GossipActors.Akka namespace.
        global::Akka.Actor.Props.Create(() => new SmallSender(echo, size, outstanding, window));

    protected override void PreStart()
    {
        for (var i = 0; i < _outstanding; i++)
        {
            _echo.Tell(Payload.StampedNow(_size), Self);
        }
    }

    private void OnEcho(byte[] echo)
    {
        var now = Stopwatch.GetTimestamp();
        if (_window.Contains(now))
        {
            _roundTrips.Add(now - Payload.SentAt(echo));
        }

        if (!_stopped)
        {
            _echo.Tell(Payload.StampedNow(_size), Self);
        }
    }
}
