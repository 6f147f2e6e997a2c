using System.Globalization;
using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// An in-process network for actor-level gossip on the Akka scheduler's clock (virtual time in tests):
/// each send is delivered to the receiver's inbound actor after the configured latency and jitter,
/// unless a seeded draw loses it or a partition separates the two endpoints. Sends to an endpoint with
/// no transport attached are refused. Counts messages and bytes (size model) per node and per link, and
/// diagnoses seeds for the shadow round's failure text. Thread-safe.
/// </summary>
public sealed class InMemoryGossipNetwork : ISeedTransportDiagnostics
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Dictionary<EndpointAddress, IActorRef> _inbound = [];
    private readonly TrafficLedger _traffic = new();
    private readonly Dictionary<EndpointAddress, int> _partitionGroup = [];
    private readonly PriorityQueue<Delivery, (long DueTicks, long Sequence)> _pending = new();
    private readonly ITimer _timer;
    private long _sequence;
    private long _armedFor = long.MaxValue;

    /// <summary>A network whose latency runs on <paramref name="scheduler"/>: the actors' own (virtual) time.</summary>
    public InMemoryGossipNetwork(IScheduler scheduler, SimulatedNetworkOptions options, int seed)
        : this(new SchedulerTimeProvider(scheduler), options, seed)
    {
    }

    public InMemoryGossipNetwork(TimeProvider time, SimulatedNetworkOptions options, int seed)
    {
        _time = time;
        Options = options;
        _random = new Random(seed);
        _timer = time.CreateTimer(_ => DeliverDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public SimulatedNetworkOptions Options { get; }

    public long TotalBytesSent { get; private set; }

    public long TotalMessagesSent { get; private set; }

    /// <summary>Connects <paramref name="local"/>: messages to it are told to <paramref name="inbound"/>.</summary>
    public InMemoryGossipTransport Attach(EndpointAddress local, IActorRef inbound)
    {
        lock (_gate)
        {
            _inbound[local] = inbound;
        }

        return new InMemoryGossipTransport(this, local);
    }

    /// <summary>The endpoint stops listening (a crash or a stopped node): later sends to it are refused.</summary>
    public void Detach(EndpointAddress endpoint)
    {
        lock (_gate)
        {
            _inbound.Remove(endpoint);
        }
    }

    public bool IsAttached(EndpointAddress endpoint)
    {
        lock (_gate)
        {
            return _inbound.ContainsKey(endpoint);
        }
    }

    /// <summary>Splits the network into groups that cannot reach each other; endpoints not named form one more group.</summary>
    public void Partition(params IReadOnlyCollection<EndpointAddress>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        lock (_gate)
        {
            _partitionGroup.Clear();
            for (var group = 0; group < groups.Length; group++)
            {
                foreach (var endpoint in groups[group])
                {
                    _partitionGroup[endpoint] = group + 1;
                }
            }
        }
    }

    public void Heal()
    {
        lock (_gate)
        {
            _partitionGroup.Clear();
        }
    }

    public TrafficCounters NodeTraffic(EndpointAddress endpoint)
    {
        lock (_gate)
        {
            return _traffic.NodeOrEmpty(endpoint);
        }
    }

    public TrafficCounters LinkTraffic(EndpointAddress from, EndpointAddress to)
    {
        lock (_gate)
        {
            return _traffic.LinkOrEmpty(from, to);
        }
    }

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed)
    {
        TrafficCounters outbound;
        TrafficCounters inbound;
        lock (_gate)
        {
            outbound = _traffic.LinkOrEmpty(local, seed);
            inbound = _traffic.LinkOrEmpty(seed, local);
        }

        var note = string.Create(CultureInfo.InvariantCulture,
            $"in-memory network: {outbound.MessagesDelivered} of {outbound.MessagesSent} messages delivered, {outbound.LostToLoss} lost, {outbound.DroppedByPartition} dropped by a partition, {inbound.MessagesDelivered} received back");
        if (outbound.MessagesDelivered > 0 && inbound.MessagesSent == 0)
        {
            note += "; the seed received our messages but never answered (different cluster name, or not started)";
        }

        return new SeedTransportDiagnosis
        {
            ConnectionsRefused = (int)outbound.Refused,
            TimedOut = (int)(outbound.LostToLoss + outbound.DroppedByPartition),
            BytesSent = outbound.BytesSent,
            BytesReceived = inbound.BytesDelivered,
            Note = note,
        };
    }

    internal void Send(EndpointAddress from, EndpointAddress to, IGossipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var envelope = new GossipEnvelope(from, to, message);
        var size = GossipMessageSizeModel.Estimate(message);
        lock (_gate)
        {
            TotalBytesSent += size;
            TotalMessagesSent++;
            var node = _traffic.Node(from);
            node.MessagesSent++;
            node.BytesSent += size;
            var link = Options.TrackLinks ? _traffic.Link(from, to) : null;
            if (link is not null)
            {
                link.MessagesSent++;
                link.BytesSent += size;
            }

            if (!_inbound.ContainsKey(to))
            {
                node.Refused++;
                if (link is not null)
                {
                    link.Refused++;
                }

                return;
            }

            if (_partitionGroup.Count > 0 && _partitionGroup.GetValueOrDefault(from) != _partitionGroup.GetValueOrDefault(to))
            {
                node.DroppedByPartition++;
                if (link is not null)
                {
                    link.DroppedByPartition++;
                }

                return;
            }

            if (Options.LossProbability > 0 && _random.NextDouble() < Options.LossProbability)
            {
                node.LostToLoss++;
                if (link is not null)
                {
                    link.LostToLoss++;
                }

                return;
            }

            var delayMs = Options.LatencySampler is { } sample
                ? sample(_random)
                : Options.LatencyMs + (Options.JitterMs > 0 ? _random.NextDouble() * Options.JitterMs : 0);
            var due = _time.GetUtcNow().UtcTicks + (long)Math.Round(delayMs * TimeSpan.TicksPerMillisecond);
            _pending.Enqueue(new Delivery(envelope, size), (due, _sequence++));
            ArmLocked();
        }
    }

    private void DeliverDue()
    {
        while (true)
        {
            Delivery delivery;
            IActorRef? target;
            lock (_gate)
            {
                _armedFor = long.MaxValue;
                var now = _time.GetUtcNow().UtcTicks;
                if (!_pending.TryPeek(out delivery, out var due) || due.DueTicks > now)
                {
                    ArmLocked();
                    return;
                }

                _pending.Dequeue();
                if (!_inbound.TryGetValue(delivery.Envelope.To, out target))
                {
                    _traffic.Node(delivery.Envelope.From).Refused++;
                    continue;
                }

                var receiver = _traffic.Node(delivery.Envelope.To);
                receiver.MessagesDelivered++;
                receiver.BytesDelivered += delivery.Size;
                if (Options.TrackLinks)
                {
                    var link = _traffic.Link(delivery.Envelope.From, delivery.Envelope.To);
                    link.MessagesDelivered++;
                    link.BytesDelivered += delivery.Size;
                }
            }

            target.Tell(delivery.Envelope, ActorRefs.NoSender);
        }
    }

    private void ArmLocked()
    {
        if (!_pending.TryPeek(out _, out var due) || due.DueTicks >= _armedFor)
        {
            return;
        }

        _armedFor = due.DueTicks;
        var delay = TimeSpan.FromTicks(Math.Max(0, due.DueTicks - _time.GetUtcNow().UtcTicks));
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private readonly record struct Delivery(GossipEnvelope Envelope, int Size);
}

/// <summary>One endpoint's connection to an <see cref="InMemoryGossipNetwork"/>.</summary>
public sealed class InMemoryGossipTransport(InMemoryGossipNetwork network, EndpointAddress local) : IGossipTransport, ISeedTransportDiagnostics
{
    public EndpointAddress LocalAddress { get; } = local;

    public InMemoryGossipNetwork Network { get; } = network;

    private readonly HashSet<EndpointAddress> _forgotten = [];

    public void Send(EndpointAddress to, IGossipMessage message) => Network.Send(LocalAddress, to, message);

    /// <summary>Memory has no datagrams: watches ask for the stream, and everything travels as <see cref="Send"/>.</summary>
    public bool AcceptsDatagrams => false;

    public void SendDatagram(EndpointAddress to, IGossipMessage message) => Send(to, message);

    /// <summary>Endpoints the node told this transport to forget (tests read it); nothing to close in memory.</summary>
    public IReadOnlyCollection<EndpointAddress> Forgotten
    {
        get
        {
            lock (_forgotten)
            {
                return [.. _forgotten];
            }
        }
    }

    public void Forget(EndpointAddress endpoint)
    {
        lock (_forgotten)
        {
            _forgotten.Add(endpoint);
        }
    }

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => Network.Diagnose(local, seed);
}
