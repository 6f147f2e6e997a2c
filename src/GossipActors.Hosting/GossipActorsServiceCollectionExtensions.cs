using Akka.Hosting;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting;

/// <summary>Hosting entry point: <c>builder.Services.AddGossipActors(gossip => gossip.WithSeeds("10.0.0.1:7000"))</c>.</summary>
public static class GossipActorsServiceCollectionExtensions
{
    /// <summary>
    /// Adds a gossip node that starts and stops with the host, <see cref="IGossipCluster"/>, a health check named
    /// "gossip" and (unless <c>admin.enabled = off</c>) the HTTP admin endpoint. The node runs in an ActorSystem named
    /// <see cref="GossipActorsRuntime.SystemName"/> that Akka.Hosting hosts (<c>AddAkka</c>), so it is for applications
    /// without an ActorSystem of their own; one with its own adds <c>WithGossip</c> to it instead.
    /// </summary>
    public static IServiceCollection AddGossipActors(this IServiceCollection services, Action<GossipActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new GossipActorsBuilder();
        configure?.Invoke(builder);
        services.AddSingleton(builder);
        services.AddSingleton(sp => NodeConfiguration.From(builder, sp.GetService<IConfiguration>()));
        // Resolving any of these binds configuration only: the hosted services start the system and the node with the host.
        services.AddSingleton(sp => new GossipActorsRuntime(sp.GetRequiredService<NodeConfiguration>(), sp.GetRequiredService<ILoggerFactory>())
        {
            InjectedClockOffset = builder.InjectedClockOffset,
        });
        services.AddSingleton<IGossipCluster>(sp => sp.GetRequiredService<GossipActorsRuntime>().Cluster);
        services.AddSingleton<AdminEndpoint>();
        // Hosted services start in this order and stop in the reverse: the admin endpoint first, so operators can ask
        // /health while the shadow round is still waiting; then Akka.Hosting's system; then the node, which therefore
        // announces its shutdown before the system terminates.
        services.AddHostedService(sp => sp.GetRequiredService<AdminEndpoint>());
        services.AddAkka(GossipActorsRuntime.SystemName, (akka, sp) =>
            GossipActorsSystem.Configure(akka, sp.GetRequiredService<GossipActorsRuntime>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<GossipActorsHostedService>();
        services.AddHealthChecks().AddCheck<GossipHealthCheck>("gossip");
        return services;
    }
}
