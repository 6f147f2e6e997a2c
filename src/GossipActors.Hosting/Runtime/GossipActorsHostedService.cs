using Akka.Actor;
using Akka.Hosting;
using GossipActors.Protocol.Gossip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Runs <c>AddGossipActors</c>' node with the host, around Akka.Hosting's own hosted service, which creates the
/// ActorSystem on start and terminates it on stop. Registered after it, so the host starts the system first and stops
/// this first: the node is built once the system runs and announces its shutdown while remoting still runs. The checks
/// that must precede the system's bind run while the host is starting, before any hosted service starts.
/// A failed start (the shadow round's diagnosis, a corrupt data directory) fails the host's start with that exception
/// and leaves no system running. A node that must stop while running (another live node has its host id) stops the
/// host, and <see cref="GossipActorsRuntime.Failure"/> says why, for the process's exit code.
/// </summary>
internal sealed class GossipActorsHostedService(
    GossipActorsRuntime runtime,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<GossipActorsHostedService> log) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            runtime.EnsureCanStart();
        }
        catch (Exception error)
        {
            LogRefused(error);
            throw;
        }

        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Created by Akka.Hosting's hosted service, which started before this one.
            var system = services.GetRequiredService<ActorSystem>();
            await runtime.StartAsync(system, services.GetRequiredService<ActorRegistry>(), cancellationToken).ConfigureAwait(false);
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
            LogRefused(error);
            await runtime.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void LogRefused(Exception error)
    {
        var what = error is SeedsUnreachableException or EndpointCollisionException ? "start-up refused" : "start-up failed";
        log.LogCritical("gossip node {Address}: {What}: {Reason}", runtime.RemoteSettings.Address, what, error.Message);
    }
}
