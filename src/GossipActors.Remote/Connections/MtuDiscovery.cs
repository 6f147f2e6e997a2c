using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Connections;

/// <summary>
/// Finds the largest MTU whose full-size segments reach a peer by dialing with decreasing segment clamps and
/// sending a padding probe several segments long: the clamp works when TCP_INFO shows every byte acknowledged
/// within the probe timeout.
/// </summary>
public sealed class MtuDiscovery(Dialer dialer, ILogger logger, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <returns>The discovered path MTU (the floor, 1280, when even that did not pass).</returns>
    public async Task<int> DiscoverAsync(EndpointAddress peer, int failingMtu, CancellationToken cancellationToken)
    {
        var search = new PathMtuSearch(RemoteSettings.DiscoveryFloorMtu, Math.Max(failingMtu, RemoteSettings.DiscoveryFloorMtu + 1));
        logger.LogInformation("discovering the path MTU to {Peer} between {Floor} and {Failing}", peer, search.Working, search.Failing);
        while (!search.IsDone)
        {
            var candidate = search.Candidate;
            var delivered = await ProbeAsync(peer, candidate, cancellationToken);
            logger.LogDebug("path MTU probe to {Peer} at {Mtu}: {Outcome}", peer, candidate, delivered ? "delivered" : "stalled");
            search.Report(candidate, delivered);
        }

        logger.LogWarning(
            "discovered path MTU {Mtu} to {Peer} after {Probes} probes (interface MTU {Failing} is black-holed); set remote.mtu = {Mtu} to skip discovery",
            search.Working,
            peer,
            search.Probes,
            failingMtu,
            search.Working);
        return search.Working;
    }

    /// <summary>True when a probe several segments long is fully acknowledged over a connection clamped for <paramref name="mtu"/>.</summary>
    public async Task<bool> ProbeAsync(EndpointAddress peer, int mtu, CancellationToken cancellationToken)
    {
        Connection connection;
        try
        {
            connection = await dialer.ConnectAsync(peer, mtu, cancellationToken);
        }
        catch (IOException error)
        {
            logger.LogDebug("path MTU probe to {Peer} at {Mtu} could not connect: {Reason}", peer, mtu, error.Message);
            return false;
        }

        await using (connection)
        {
            var before = connection.ReadTcpInfo()?.BytesAcked ?? 0;
            var padding = 4 * mtu;
            connection.SendControl(new PathProbe(padding));
            var timeout = ProbeTimeout(connection);
            var deadline = _time.GetUtcNow() + timeout;
            while (_time.GetUtcNow() < deadline && connection.IsOpen)
            {
                if (connection.ReadTcpInfo() is { } info && info.Unacked == 0 && info.NotSentBytes == 0 && info.BytesAcked >= before + (ulong)padding)
                {
                    return true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken);
            }

            return false;
        }
    }

    /// <summary>Long enough for several retransmissions on a working path; never longer than the stall timeout.</summary>
    private TimeSpan ProbeTimeout(Connection connection)
    {
        var rtt = TimeSpan.FromMicroseconds(connection.ReadTcpInfo()?.RoundTripMicroseconds ?? 0);
        var wanted = TimeSpan.FromMilliseconds(Math.Max(1000, 20 * rtt.TotalMilliseconds));
        return wanted < dialer.Settings.StallTimeout ? wanted : dialer.Settings.StallTimeout;
    }
}
