using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GossipActors.Hosting;

/// <summary>The application's <see cref="IGossipCluster"/> for a host whose own ActorSystem runs <c>WithGossip</c>.</summary>
public static class GossipClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IGossipCluster"/>. Resolving it starts nothing and writes nothing, and does not create the
    /// ActorSystem; its calls reach the node once the system started it (before that they throw
    /// <see cref="InvalidOperationException"/>). Akka.Hosting runs the builder's callback only when it creates the
    /// system, too late to register services, hence this separate call.
    /// </summary>
    public static IServiceCollection AddGossipCluster(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<GossipNodeHolder>();
        services.TryAddSingleton<IGossipCluster>(sp => new HostedGossipCluster(sp.GetRequiredService<GossipNodeHolder>()));
        return services;
    }
}
