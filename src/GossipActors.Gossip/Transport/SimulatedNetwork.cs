using System.Globalization;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// A deterministic network on virtual time: a discrete-event queue of message deliveries and timer
/// callbacks, with latency and jitter, seeded loss, partitions between sets of endpoints, and byte
/// counting per node and per link. Same seed, same inputs, same history. Single-threaded.
/// </summary>
public sealed class SimulatedNetwork : ISeedTransportDiagnostics
{
    private readonly PriorityQueue<Pending, (long AtMs, long Sequence)> _queue = new();
    private readonly Dictionary<EndpointAddress, Action<GossipEnvelope>> _handlers = [];
    private readonly Dictionary<EndpointAddress, OutboundQueue> _outbound = [];
    private readonly TrafficLedger _traffic = new();
    private readonly Dictionary<EndpointAddress, int> _partitionGroup = [];
    private readonly HashSet<(EndpointAddress From, EndpointAddress To)> _oneWayCuts = [];
    private readonly Random _random;
    private long _sequence;

    public SimulatedNetwork(SimulatedNetworkOptions options, Random random, long startMs)
    {
        Options = options;
        _random = random;
        NowMs = startMs;
    }

    public SimulatedNetworkOptions Options { get; }

    /// <summary>Virtual time: Unix epoch milliseconds as the simulated nodes see them.</summary>
    public long NowMs { get; private set; }

    public long TotalBytesSent { get; private set; }

    public long TotalMessagesSent { get; private set; }

    public int PendingEvents => _queue.Count;

    public bool IsPartitioned => _partitionGroup.Count > 0 || _oneWayCuts.Count > 0;

    public void Attach(EndpointAddress endpoint, Action<GossipEnvelope> deliver) => _handlers[endpoint] = deliver;

    /// <summary>The node stops listening: later sends to it are refused, deliveries in flight are lost.</summary>
    public void Detach(EndpointAddress endpoint) => _handlers.Remove(endpoint);

    public bool IsAttached(EndpointAddress endpoint) => _handlers.ContainsKey(endpoint);

    public void Schedule(long atMs, Action action) =>
        _queue.Enqueue(new Pending(null, 0, action), (Math.Max(atMs, NowMs), _sequence++));

    /// <summary>
    /// Splits the network: endpoints in different groups cannot reach each other. Endpoints not named
    /// form one more group of their own.
    /// </summary>
    public void Partition(params IReadOnlyCollection<EndpointAddress>[] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _partitionGroup.Clear();
        for (var group = 0; group < groups.Length; group++)
        {
            foreach (var endpoint in groups[group])
            {
                _partitionGroup[endpoint] = group + 1;
            }
        }
    }

    /// <summary>
    /// A one-way partition, until <see cref="Heal"/>: what <paramref name="unheard"/> sends to <paramref name="deaf"/> is
    /// lost; the other way still works.
    /// </summary>
    public void PartitionOneWay(IReadOnlyCollection<EndpointAddress> deaf, IReadOnlyCollection<EndpointAddress> unheard)
    {
        ArgumentNullException.ThrowIfNull(deaf);
        ArgumentNullException.ThrowIfNull(unheard);
        foreach (var from in unheard)
        {
            foreach (var to in deaf)
            {
                _oneWayCuts.Add((from, to));
            }
        }
    }

    public void Heal()
    {
        _partitionGroup.Clear();
        _oneWayCuts.Clear();
    }

    public bool CanReach(EndpointAddress from, EndpointAddress to) =>
        (_partitionGroup.Count == 0 || _partitionGroup.GetValueOrDefault(from) == _partitionGroup.GetValueOrDefault(to)) &&
        !_oneWayCuts.Contains((from, to));

    public TrafficCounters NodeTraffic(EndpointAddress endpoint) => _traffic.NodeOrEmpty(endpoint);

    public TrafficCounters LinkTraffic(EndpointAddress from, EndpointAddress to) =>
        _traffic.LinkOrEmpty(from, to);

    public void Send(GossipEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!Options.OneInFlightPerPeer)
        {
            Transmit(envelope);
            return;
        }

        if (!_outbound.TryGetValue(envelope.From, out var queue))
        {
            queue = new OutboundQueue();
            _outbound.Add(envelope.From, queue);
        }

        switch (queue.Offer(envelope))
        {
            case OfferResult.SendNow:
                Transmit(envelope);
                break;
            case OfferResult.ReplacedOlder:
                Counters(envelope.From, envelope.To, static c => c.Replaced++);
                break;
        }
    }

    /// <summary>Runs the next event; false when nothing is scheduled.</summary>
    public bool RunNext()
    {
        if (!_queue.TryDequeue(out var pending, out var priority))
        {
            return false;
        }

        NowMs = priority.AtMs;
        if (pending.Action is not null)
        {
            pending.Action();
        }
        else
        {
            Deliver(pending.Envelope!, pending.Size, pending.Lost);
        }

        return true;
    }

    /// <summary>Runs every event scheduled up to and including <paramref name="untilMs"/>, then sets the clock there.</summary>
    public void RunUntil(long untilMs)
    {
        while (_queue.TryPeek(out _, out var priority) && priority.AtMs <= untilMs)
        {
            RunNext();
        }

        NowMs = Math.Max(NowMs, untilMs);
    }

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed)
    {
        if (!Options.TrackLinks)
        {
            return null;
        }

        var outbound = LinkTraffic(local, seed);
        var inbound = LinkTraffic(seed, local);
        var timedOut = (int)(outbound.LostToLoss + outbound.DroppedByPartition);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"simulated network: {outbound.MessagesDelivered} of {outbound.MessagesSent} messages delivered, {outbound.LostToLoss} lost, {outbound.DroppedByPartition} dropped by a partition, {inbound.MessagesDelivered} received back");
        if (outbound.MessagesDelivered > 0 && inbound.MessagesSent == 0)
        {
            note += "; the seed received our messages but never answered (different cluster name, or not started)";
        }

        return new SeedTransportDiagnosis
        {
            ConnectionsRefused = (int)outbound.Refused,
            TimedOut = timedOut,
            BytesSent = outbound.BytesSent,
            BytesReceived = inbound.BytesDelivered,
            Note = note,
        };
    }

    private void Transmit(GossipEnvelope envelope)
    {
        var size = GossipMessageSizeModel.Estimate(envelope.Message);
        Options.Wire?.Observe(envelope);
        TotalBytesSent += size;
        TotalMessagesSent++;
        var node = _traffic.Node(envelope.From);
        node.MessagesSent++;
        node.BytesSent += size;
        var link = Options.TrackLinks ? _traffic.Link(envelope.From, envelope.To) : null;
        if (link is not null)
        {
            link.MessagesSent++;
            link.BytesSent += size;
        }

        if (!_handlers.ContainsKey(envelope.To))
        {
            node.Refused++;
            if (link is not null)
            {
                link.Refused++;
            }

            // A refused connection is known at once; the slot frees immediately.
            _queue.Enqueue(new Pending(envelope, size, null, Lost: true), (NowMs, _sequence++));
            return;
        }

        var lost = false;
        if (!CanReach(envelope.From, envelope.To))
        {
            node.DroppedByPartition++;
            if (link is not null)
            {
                link.DroppedByPartition++;
            }

            lost = true;
        }
        else if (Options.LossProbability > 0 && _random.NextDouble() < Options.LossProbability)
        {
            node.LostToLoss++;
            if (link is not null)
            {
                link.LostToLoss++;
            }

            lost = true;
        }

        var delay = Options.LatencySampler is { } sample
            ? sample(_random)
            : Options.LatencyMs + (Options.JitterMs > 0 ? _random.NextDouble() * Options.JitterMs : 0);
        var at = NowMs + Math.Max(0, (long)Math.Round(delay));
        _queue.Enqueue(new Pending(envelope, size, null, lost), (at, _sequence++));
    }

    private void Deliver(GossipEnvelope envelope, int size, bool lost)
    {
        if (!lost && _handlers.TryGetValue(envelope.To, out var handler))
        {
            if (Options.TrackLinks)
            {
                var link = _traffic.Link(envelope.From, envelope.To);
                link.MessagesDelivered++;
                link.BytesDelivered += size;
            }

            var receiver = _traffic.Node(envelope.To);
            receiver.MessagesDelivered++;
            receiver.BytesDelivered += size;
            handler(envelope);
        }

        if (Options.OneInFlightPerPeer && _outbound.TryGetValue(envelope.From, out var queue) && queue.Completed(envelope.To) is { } next)
        {
            Transmit(next);
        }
    }

    private void Counters(EndpointAddress from, EndpointAddress to, Action<TrafficCounters> update)
    {
        update(_traffic.Node(from));
        if (Options.TrackLinks)
        {
            update(_traffic.Link(from, to));
        }
    }

    private readonly record struct Pending(GossipEnvelope? Envelope, int Size, Action? Action, bool Lost = false);
}
