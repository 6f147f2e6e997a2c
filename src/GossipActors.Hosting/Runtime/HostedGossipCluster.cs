using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The <see cref="IGossipCluster"/> a host's services receive: resolving it starts nothing and writes nothing (the
/// node starts with the host); every call goes to the node once it runs, and before that fails with an
/// <see cref="InvalidOperationException"/> saying the node has not started.
/// </summary>
internal sealed class HostedGossipCluster(GossipNodeHolder holder) : IGossipCluster
{
    private IGossipCluster Node => holder.Running;

    public EndpointAddress LocalEndpoint => holder.Node?.LocalEndpoint ?? holder.PlannedAddress ?? Node.LocalEndpoint;

    public Guid HostId => Node.HostId;

    public int Generation => Node.Generation;

    public ClusterSnapshot CurrentSnapshot => Node.CurrentSnapshot;

    public Task<IReadOnlyList<ClusterMember>> GetMembersAsync() => Node.GetMembersAsync();

    public Task<GossipView> GetViewAsync() => Node.GetViewAsync();

    public Task SetApplicationStateAsync(string key, string value) => Node.SetApplicationStateAsync(key, value);

    public void SetApplicationState(string key, string value) => Node.SetApplicationState(key, value);

    public IDisposable Subscribe(Action<ClusterEvent> handler) => Node.Subscribe(handler);

    public IDisposable Subscribe(Action<ClusterEvent> handler, ClusterInitialState initialState) => Node.Subscribe(handler, initialState);

    public void Subscribe(IActorRef subscriber, ClusterInitialState initialState) => Node.Subscribe(subscriber, initialState);

    public void Unsubscribe(IActorRef subscriber) => Node.Unsubscribe(subscriber);

    public Task<IReadOnlyList<StatusRow>> GetStatusAsync() => Node.GetStatusAsync();

    public Task<IReadOnlyList<GossipInfoEntry>> GetGossipInfoAsync() => Node.GetGossipInfoAsync();

    public Task<IReadOnlyList<EndpointFailureSnapshot>> GetFailureDetectorSnapshotAsync() => Node.GetFailureDetectorSnapshotAsync();

    public Task<FailureDetectorReport> GetFailureDetectorReportAsync() => Node.GetFailureDetectorReportAsync();

    public Task<ClusterDescription> DescribeClusterAsync() => Node.DescribeClusterAsync();

    public Task<ThresholdChange> SetPhiConvictThresholdAsync(double value) => Node.SetPhiConvictThresholdAsync(value);

    public Task<ThresholdChange> SetPhiConvictThresholdAsync(double value, TimeSpan restoreAfter) => Node.SetPhiConvictThresholdAsync(value, restoreAfter);

    public Task<AdminResult> AssassinateAsync(EndpointAddress endpoint, bool confirm) => Node.AssassinateAsync(endpoint, confirm);

    public Task<AdminResult> DecommissionAsync() => Node.DecommissionAsync();
}
