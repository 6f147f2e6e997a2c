using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The application's handle on gossip membership: who is in the cluster, in what state, and what changes.
/// Thread-safe; usable from plain .NET code (a snapshot, callbacks, tasks) and from actors (an actor subscribes
/// itself and receives the events as messages). Member events are also published on the actor system's event stream.
/// </summary>
public interface IGossipCluster
{
    EndpointAddress LocalEndpoint { get; }

    Guid HostId { get; }

    int Generation { get; }

    /// <summary>
    /// The members as the gossiper last published them: a volatile read, never a round trip. It already shows any
    /// change a subscriber has been told of.
    /// </summary>
    ClusterSnapshot CurrentSnapshot { get; }

    /// <summary>Every known endpoint (self included) with liveness, heartbeat and application states, asked of the gossiper.</summary>
    Task<IReadOnlyList<ClusterMember>> GetMembersAsync();

    /// <summary>The whole view (phase, generation, members) at one instant.</summary>
    Task<GossipView> GetViewAsync();

    /// <summary>Publishes an application state of this node; returns once the gossiper applied it.</summary>
    /// <exception cref="ApplicationStateTooLargeException">
    /// Thrown by the call itself, nothing changed: with this value, this node's states would no longer fit in one message
    /// (<c>remote.maximum-message-size</c>), and every gossip message carrying them would be dropped.
    /// </exception>
    Task SetApplicationStateAsync(string key, string value);

    /// <summary>Fire-and-forget form of <see cref="SetApplicationStateAsync"/>; refuses an oversized state the same way.</summary>
    /// <exception cref="ApplicationStateTooLargeException">See <see cref="SetApplicationStateAsync"/>.</exception>
    void SetApplicationState(string key, string value);

    /// <summary>Calls <paramref name="handler"/> with every change the gossiper applies once it took the subscription; dispose to stop.</summary>
    IDisposable Subscribe(Action<ClusterEvent> handler);

    /// <summary>
    /// Calls <paramref name="handler"/> with <see cref="CurrentClusterState"/> first when <paramref name="initialState"/> asks
    /// for it, then with every later change. It runs in the gossiper's turn, in the gossiper's order: keep it short and never
    /// wait on this cluster from it. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(Action<ClusterEvent> handler, ClusterInitialState initialState);

    /// <summary>
    /// Sends <paramref name="subscriber"/> <see cref="CurrentClusterState"/> first when <paramref name="initialState"/> asks
    /// for it, then every later <see cref="MemberEvent"/>, until it stops or is unsubscribed.
    /// </summary>
    void Subscribe(IActorRef subscriber, ClusterInitialState initialState);

    void Unsubscribe(IActorRef subscriber);

    /// <summary>One row per endpoint, as <c>gossipctl status</c> prints it.</summary>
    Task<IReadOnlyList<StatusRow>> GetStatusAsync();

    /// <summary>Every endpoint's heartbeat and application states, as <c>gossipctl gossipinfo</c> prints it.</summary>
    Task<IReadOnlyList<GossipInfoEntry>> GetGossipInfoAsync();

    /// <summary>Per endpoint: phi, mean interval, samples, last heartbeat age, flapping.</summary>
    Task<IReadOnlyList<EndpointFailureSnapshot>> GetFailureDetectorSnapshotAsync();

    /// <summary>The threshold in force (after any run-time change) and the model, with every endpoint's snapshot, at one instant.</summary>
    Task<FailureDetectorReport> GetFailureDetectorReportAsync();

    /// <summary>Cluster name and which endpoints report which SCHEMA version (unreachable ones apart).</summary>
    Task<ClusterDescription> DescribeClusterAsync();

    /// <summary>Changes the phi threshold in memory; the result says it was refused (out of 5-16) or applied in memory only.</summary>
    Task<ThresholdChange> SetPhiConvictThresholdAsync(double value);

    /// <summary>
    /// Changes the phi threshold in memory for <paramref name="restoreAfter"/> (at most 7 days); the node restores the
    /// earlier threshold by itself when the window ends. A second timed change replaces the window and keeps the value to
    /// restore; a change without a window cancels the restore.
    /// </summary>
    Task<ThresholdChange> SetPhiConvictThresholdAsync(double value, TimeSpan restoreAfter);

    /// <summary>Declares another endpoint gone; refused unless <paramref name="confirm"/>.</summary>
    Task<AdminResult> AssassinateAsync(EndpointAddress endpoint, bool confirm);

    /// <summary>Announces that this node leaves the cluster for good (STATUS LEFT with an expiry).</summary>
    Task<AdminResult> DecommissionAsync();
}
