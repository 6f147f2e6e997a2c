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
    /// "gossip" and (unless <c>admin.enabled = off</c>) the HTTP admin endpoint.
    /// </summary>
    public static IServiceCollection AddGossipActors(this IServiceCollection services, Action<GossipActorsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new GossipActorsBuilder();
        configure?.Invoke(builder);
        services.AddSingleton(builder);
        services.AddSingleton(sp => NodeConfiguration.Load(
            builder.ConfigFile,
            builder.UseHostConfiguration ? sp.GetService<IConfiguration>() : null,
            builder.Overrides));
        // Resolving any of these binds configuration only: the hosted service starts the node with the host.
        services.AddSingleton(sp => new GossipActorsRuntime(sp.GetRequiredService<NodeConfiguration>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IGossipCluster>(sp => sp.GetRequiredService<GossipActorsRuntime>().Cluster);
        services.AddSingleton<AdminEndpoint>();
        // The admin endpoint starts first so operators can ask /health while the shadow round is still waiting.
        services.AddHostedService(sp => sp.GetRequiredService<AdminEndpoint>());
        services.AddHostedService<GossipActorsHostedService>();
        services.AddHealthChecks().AddCheck<GossipHealthCheck>("gossip");
        return services;
    }
}
