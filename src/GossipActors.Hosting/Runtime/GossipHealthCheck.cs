using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Healthy when joined and converged; Degraded when joined but some member peer is DOWN; Unhealthy before
/// joining and once this node has left (its own STATUS is a dead state), because health-check middleware
/// answers 200 for Degraded by default and a node that has left must never look serving.
/// </summary>
public sealed class GossipHealthCheck(GossipActorsRuntime runtime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await NodeHealth.EvaluateAsync(runtime).WaitAsync(cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["joined"] = health.Joined, ["converged"] = health.Converged };
        if (!health.Joined)
        {
            return HealthCheckResult.Unhealthy(health.Detail, data: data);
        }

        return health.Converged ? HealthCheckResult.Healthy(health.Detail, data) : HealthCheckResult.Degraded(health.Detail, data: data);
    }
}
