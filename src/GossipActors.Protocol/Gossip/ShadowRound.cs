using System.Globalization;
using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

public enum ShadowRoundStatus
{
    Running,

    /// <summary>A seed answered with states (or, for a seed node, every answer was empty): gossip may begin.</summary>
    Completed,

    Failed,
}

/// <summary>
/// The start-up probe: an empty SYN to every seed (and remembered peer), resent every few seconds,
/// until one answers with its full state. Seeds in their own shadow round answer with an empty ACK; a
/// seed node takes that, or the time-out, as leave to bootstrap alone. A non-seed that hears nothing
/// fails with a text that says, seed by seed, what was tried and what happened.
/// </summary>
public sealed class ShadowRound
{
    private readonly Dictionary<EndpointAddress, Probe> _probes = [];
    private readonly List<EndpointAddress> _order = [];
    private readonly GossipSettings _settings;
    private readonly EndpointAddress _local;
    private readonly bool _localIsSeed;
    private readonly long _startedAtMs;
    private long _lastSentAtMs = long.MinValue;

    public ShadowRound(
        GossipSettings settings,
        EndpointAddress local,
        IEnumerable<EndpointAddress> rememberedPeers,
        long nowMs)
    {
        _settings = settings;
        _local = local;
        _startedAtMs = nowMs;
        _localIsSeed = settings.Seeds.Contains(local);
        foreach (var seed in settings.Seeds)
        {
            AddProbe(seed, isSeed: true);
        }

        foreach (var peer in rememberedPeers)
        {
            AddProbe(peer, isSeed: false);
        }
    }

    public ShadowRoundStatus Status { get; private set; } = ShadowRoundStatus.Running;

    /// <summary>The states the answering seed sent (empty when a seed bootstrapped alone).</summary>
    public IReadOnlyDictionary<EndpointAddress, EndpointState> States { get; private set; } =
        new Dictionary<EndpointAddress, EndpointState>();

    public EndpointAddress? AnsweredBy { get; private set; }

    public SeedsUnreachableException? Failure { get; private set; }

    public IReadOnlyCollection<EndpointAddress> Targets => _order;

    /// <summary>
    /// Called at start and on every tick: returns the endpoints to send an empty SYN to now (all of them,
    /// at start and every resend interval), and fails or completes the round when its time is up.
    /// </summary>
    public IReadOnlyList<EndpointAddress> Tick(long nowMs)
    {
        if (Status != ShadowRoundStatus.Running)
        {
            return [];
        }

        if (_order.Count == 0)
        {
            Complete(null, new Dictionary<EndpointAddress, EndpointState>());
            return [];
        }

        if (nowMs - _startedAtMs >= _settings.ShadowRoundTimeoutMs)
        {
            if (_localIsSeed)
            {
                // A seed may be the first node of a cluster: after the wait it starts on its own.
                Complete(null, new Dictionary<EndpointAddress, EndpointState>());
            }
            else
            {
                Status = ShadowRoundStatus.Failed;
            }

            return [];
        }

        if (_lastSentAtMs != long.MinValue && nowMs - _lastSentAtMs < _settings.ShadowRoundResendMs)
        {
            return [];
        }

        _lastSentAtMs = nowMs;
        foreach (var endpoint in _order)
        {
            _probes[endpoint].Sent++;
        }

        return _order;
    }

    /// <summary>Feeds an ACK received during the shadow round; returns true when the round is over.</summary>
    public bool OnAck(EndpointAddress from, GossipDigestAck ack)
    {
        if (Status != ShadowRoundStatus.Running)
        {
            return false;
        }

        if (_probes.TryGetValue(from, out var probe))
        {
            probe.Replies++;
            probe.LastReply = ack.States.Count == 0
                ? "empty ACK: it is in its own shadow round"
                : string.Create(CultureInfo.InvariantCulture, $"ACK with {ack.States.Count} states");
        }

        if (ack.States.Count > 0)
        {
            Complete(from, ack.States);
            return true;
        }

        if (_localIsSeed && probe is { IsSeed: true })
        {
            // Seeds starting together all sit in their shadow rounds; an empty answer from another seed
            // means nobody has state yet, so a seed may begin.
            Complete(from, ack.States);
            return true;
        }

        return false;
    }

    /// <summary>The failure text for a time-out, with the transport's view of each endpoint tried.</summary>
    public SeedsUnreachableException BuildFailure(string clusterName, ISeedTransportDiagnostics? diagnostics, long nowMs)
    {
        var attempts = _order
            .Select(endpoint =>
            {
                var probe = _probes[endpoint];
                return new SeedAttempt(endpoint, probe.IsSeed, probe.Sent, probe.Replies, probe.LastReply, diagnostics?.Diagnose(_local, endpoint));
            })
            .ToList();
        var seeds = attempts.Count(attempt => attempt.IsSeed);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Unable to gossip with any seeds: node {_local} in cluster '{clusterName}' got no state from {seeds} seed{(seeds == 1 ? "" : "s")}");
        if (attempts.Count > seeds)
        {
            text.Append(CultureInfo.InvariantCulture, $" or {attempts.Count - seeds} remembered peer{(attempts.Count - seeds == 1 ? "" : "s")}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $" within gossip.shadow-round-timeout ({_settings.ShadowRoundTimeoutMs} ms, waited {nowMs - _startedAtMs} ms).");
        foreach (var attempt in attempts)
        {
            text.Append("\n  - ").Append(attempt.Describe());
        }

        text.Append("\nCheck that gossip.seeds is the same on every node, that at least one seed is running with the same cluster name, and that the seeds' gossip port is reachable from this host.");
        Failure = new SeedsUnreachableException(text.ToString(), attempts);
        return Failure;
    }

    private void AddProbe(EndpointAddress endpoint, bool isSeed)
    {
        if (endpoint == _local || _probes.ContainsKey(endpoint))
        {
            return;
        }

        _probes.Add(endpoint, new Probe(isSeed));
        _order.Add(endpoint);
    }

    private void Complete(EndpointAddress? from, IReadOnlyDictionary<EndpointAddress, EndpointState> states)
    {
        Status = ShadowRoundStatus.Completed;
        AnsweredBy = from;
        States = states;
    }

    private sealed class Probe(bool isSeed)
    {
        public bool IsSeed { get; } = isSeed;

        public int Sent { get; set; }

        public int Replies { get; set; }

        public string? LastReply { get; set; }
    }
}
