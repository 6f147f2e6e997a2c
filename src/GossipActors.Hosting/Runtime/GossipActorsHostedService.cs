using GossipActors.Protocol.Gossip;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Starts the node with the host (a failed shadow round fails the host's start with the seeds diagnosis) and
/// stops it with the host (SIGTERM, Ctrl-C): shutdown is announced to known peers before the process exits.
/// </summary>
internal sealed class GossipActorsHostedService(GossipActorsRuntime runtime, ILogger<GossipActorsHostedService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            var what = error is SeedsUnreachableException or EndpointCollisionException ? "start-up refused" : "start-up failed";
            log.LogCritical("gossip node {Address}: {What}: {Reason}", runtime.RemoteSettings.Address, what, error.Message);
            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
