using Akka.Actor;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// <c>rounds/round-N</c>: one exchange with one peer. Sends the SYN, waits for the ACK (which the
/// gossiper applies to the cluster state, answering with the ACK2 to send), sends the ACK2 and stops;
/// or stops when <c>gossip.round-timeout</c> passes first. Either way the gossiper hears of the end, so
/// the next exchange with that peer may start.
/// </summary>
internal sealed class RoundActor : GossipActor
{
    private readonly long _round;
    private readonly EndpointAddress _peer;
    private readonly GossipDigestSyn _syn;
    private readonly IGossipTransport _transport;
    private readonly IActorRef _gossiper;
    private readonly TimeSpan _timeout;

    public RoundActor(long round, EndpointAddress peer, GossipDigestSyn syn, IGossipTransport transport, IActorRef gossiper, TimeSpan timeout, ILoggerFactory? loggerFactory)
        : base(loggerFactory)
    {
        _round = round;
        _peer = peer;
        _syn = syn;
        _transport = transport;
        _gossiper = gossiper;
        _timeout = timeout;

        Receive<GossipDigestAck>(ack =>
        {
            _gossiper.Tell(new RoundAckReceived(_round, _peer, ack), Self);
            Become(() =>
            {
                Receive<RoundAck2Ready>(ready =>
                {
                    if (ready.Ack2 is { } ack2)
                    {
                        _transport.Send(_peer, ack2);
                    }

                    Finish(RoundOutcome.Completed);
                });
                Receive<RoundTimedOut>(_ => Finish(RoundOutcome.TimedOut));
            });
        });
        Receive<RoundTimedOut>(_ => Finish(RoundOutcome.TimedOut));
    }

    protected override void PreStart()
    {
        _transport.Send(_peer, _syn);
        Timers.StartSingleTimer("round-timeout", RoundTimedOut.Instance, _timeout);
    }

    // A restarted round does not send its SYN again; it only keeps its deadline.
    protected override void PostRestart(Exception reason) =>
        Timers.StartSingleTimer("round-timeout", RoundTimedOut.Instance, _timeout);

    private void Finish(RoundOutcome outcome)
    {
        _gossiper.Tell(new RoundEnded(_round, _peer, outcome), Self);
        Context.Stop(Self);
    }
}
