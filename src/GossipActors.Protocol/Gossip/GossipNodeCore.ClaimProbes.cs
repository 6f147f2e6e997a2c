using System.Globalization;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Another observer's claim is a reason to ask, not a verdict: this node probes the claimed endpoint with an echo when
/// the claim comes and every heartbeat tick after, and holds it DOWN only when its probes go unanswered: two of them a
/// heartbeat interval apart while it has not answered since the claim (a crash is then DOWN here half an interval to
/// an interval after the claim), three over two intervals once it has (one lost probe or answer is no verdict either).
/// Found by the 16-node chaos run: under a one-way partition the deaf side's observers claimed nodes that the other
/// side heard perfectly well, and the claims took nodes DOWN among their own side. Now a node that answers stays UP
/// here while the claimant holds it DOWN, as each side's own reachability says.
/// </summary>
public sealed partial class GossipNodeCore
{
    private readonly ClaimProbes _claimProbes = new();

    /// <summary>
    /// The claim duties of a direct-heartbeat tick (<see cref="HeartbeatDuty"/>, every <paramref name="heartbeatIntervalMs"/>):
    /// withdraw this node's claims about endpoints it no longer observes (<paramref name="observes"/>), or that
    /// restarted, left or were forgotten; mark DOWN an endpoint another observer claims whose probes have gone
    /// unanswered for two intervals; and probe each claimed endpoint again: every tick while it is UP here, every
    /// <c>echo-timeout</c> while it is DOWN, so an answer brings it back UP.
    /// </summary>
    public GossipOutput TickClaims(Func<EndpointAddress, bool> observes, long nowMs, long heartbeatIntervalMs)
    {
        ArgumentNullException.ThrowIfNull(observes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heartbeatIntervalMs);
        var output = _output.Reset();
        if (Phase != GossipNodePhase.Running)
        {
            return output;
        }

        RetainClaims(observes, nowMs, output);
        foreach (var (endpoint, claimant) in _claimed)
        {
            if (claimant == LocalEndpoint)
            {
                continue;
            }

            var down = LivenessOf(endpoint) == LivenessStatus.Down;
            if (!down && _claimProbes.Verdict(endpoint, nowMs, heartbeatIntervalMs) is { } silentMs)
            {
                MarkDown(endpoint, nowMs, string.Create(CultureInfo.InvariantCulture, $"{ConvictedBy(claimant)}, and it did not answer this node's probes for {silentMs} ms"), output);
                down = true;
            }

            if (!down || _claimProbes.SinceLastProbe(endpoint, nowMs) >= _settings.EchoRetryMs)
            {
                Probe(endpoint, nowMs, output);
            }
        }

        SettleClaims(nowMs, output);
        return output;
    }

    private void Probe(EndpointAddress endpoint, long nowMs, GossipOutput output)
    {
        var id = _nextEchoId++;
        _claimProbes.Sent(endpoint, id, nowMs);
        Send(endpoint, new Echo(id), output);
    }

    /// <summary>Per claimed endpoint: the first probe since the claim, the last one, and since when none was answered.</summary>
    private sealed class ClaimProbes
    {
        private readonly Dictionary<EndpointAddress, Check> _checks = [];

        public bool Has(EndpointAddress endpoint) => _checks.ContainsKey(endpoint);

        public void Sent(EndpointAddress endpoint, long id, long nowMs) =>
            _checks[endpoint] = _checks.TryGetValue(endpoint, out var check)
                ? check with { LastSentMs = nowMs, UnansweredSinceMs = check.UnansweredSinceMs ?? nowMs, Unanswered = check.Unanswered + 1 }
                : new Check(id, nowMs, nowMs, 1, EverAnswered: false);

        /// <summary>
        /// Whether <paramref name="id"/> answers a probe sent since the claim (echo ids only grow, and no other echo goes
        /// to a claimed endpoint); a late answer to an earlier probe still shows the endpoint answers this node.
        /// </summary>
        public bool Answered(EndpointAddress endpoint, long id)
        {
            if (!_checks.TryGetValue(endpoint, out var check) || id < check.FirstId)
            {
                return false;
            }

            _checks[endpoint] = check with { UnansweredSinceMs = null, Unanswered = 0, EverAnswered = true };
            return true;
        }

        /// <summary>How long the endpoint has not answered, when that is a verdict (see the class); null otherwise.</summary>
        public long? Verdict(EndpointAddress endpoint, long nowMs, long intervalMs)
        {
            if (!_checks.TryGetValue(endpoint, out var check) || check.UnansweredSinceMs is not { } since)
            {
                return null;
            }

            var (probes, silenceMs) = check.EverAnswered ? (3, 2 * intervalMs) : (2, intervalMs);
            return check.Unanswered >= probes && nowMs - since >= silenceMs ? nowMs - since : null;
        }

        public long SinceLastProbe(EndpointAddress endpoint, long nowMs) =>
            _checks.TryGetValue(endpoint, out var check) ? nowMs - check.LastSentMs : long.MaxValue;

        public void ForgetUnless(Func<EndpointAddress, bool> claimed)
        {
            foreach (var endpoint in _checks.Keys.Where(endpoint => !claimed(endpoint)).ToList())
            {
                _checks.Remove(endpoint);
            }
        }

        private readonly record struct Check(long FirstId, long LastSentMs, long? UnansweredSinceMs, int Unanswered, bool EverAnswered);
    }
}
