using GossipActors.Protocol.Gossip;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Starts the node with the host (a failed shadow round fails the host's start with the seeds diagnosis) and
/// stops it with the host (SIGTERM, Ctrl-C): shutdown is announced to known peers before the process exits.
/// A node that must stop while running (another live node has its host id) stops the host, and
/// <see cref="GossipActorsRuntime.Failure"/> says why, for the process's exit code.
/// </summary>
internal sealed class GossipActorsHostedService(GossipActorsRuntime runtime, IHostApplicationLifetime lifetime, ILogger<GossipActorsHostedService> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await runtime.StartAsync(cancellationToken).ConfigureAwait(false);
            _ = runtime.Node.Faulted.ContinueWith(
                faulted =>
                {
                    var error = faulted.Exception!.GetBaseException();
                    runtime.RecordFailure(error);
                    log.LogCritical("gossip node {Address}: stopping: {Reason}", runtime.Node.LocalEndpoint, error.Message);
                    lifetime.StopApplication();
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default);
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
