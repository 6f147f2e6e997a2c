using Akka.Actor;

namespace GossipActors.TransportComparison.Actors;

/// <summary>
/// On system A: streams large messages to the sink on B with a fixed number in flight, refilling on each ack.
/// The bound keeps the stream continuous without letting Akka.Remote's endpoint queue grow without limit (which
/// would eventually measure memory, not the transport). One array is sent over and over: it is never written
/// after construction, so sharing it with the serializer is safe and the run allocates no 37 KB arrays of its own.
/// </summary>
public sealed class LargeSender : ReceiveActor
{
    private readonly IActorRef _sink;
    private readonly byte[] _payload;
    private readonly int _outstanding;
    private bool _stopped;

    public LargeSender(IActorRef sink, int size, int outstanding)
    {
        _sink = sink;
        _payload = new byte[size];
        Random.Shared.NextBytes(_payload);
        _outstanding = outstanding;
        Receive<byte[]>(_ =>
        {
            if (!_stopped)
            {
                _sink.Tell(_payload, Self);
            }
        });
        Receive<StopSending>(_ => _stopped = true);
    }

    public static Props Props(IActorRef sink, int size, int outstanding) =>
        // global:: because inside GossipActors.* the name Akka means the GossipActors.Akka namespace.
        global::Akka.Actor.Props.Create(() => new LargeSender(sink, size, outstanding));

    protected override void PreStart()
    {
        for (var i = 0; i < _outstanding; i++)
        {
            _sink.Tell(_payload, Self);
        }
    }
}
