using GossipActors.Gossip.Cluster;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// An application state that would make the node's state larger than one message is refused by the call that sets it,
/// instead of being accepted and then failing every ACK that carries it.
/// </summary>
public sealed class ApplicationStateLimitTests : DeterministicTestKit
{
    public ApplicationStateLimitTests() : base(seed: 73) { }

    [Fact]
    public void A_state_over_the_message_limit_is_refused_where_it_is_set_and_nothing_changes()
    {
        using var cluster = new ActorCluster(this, seed: 73);
        var settings = ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: "remote.maximum-message-size = 64KiB");
        var addresses = cluster.StartConverged(this, 2, settings);
        var node = cluster.Nodes[addresses[0]];
        var tooLarge = new string('x', 64 * 1024);

        var refused = Assert.Throws<ApplicationStateTooLargeException>(() => { _ = node.SetApplicationStateAsync("blob", tooLarge); });
        Assert.Throws<ApplicationStateTooLargeException>(() => node.SetApplicationState("blob", tooLarge));

        Assert.Contains("application state 'blob' (65536 characters) would make this node's state", refused.Message, StringComparison.Ordinal);
        Assert.Contains("remote.maximum-message-size = 65536 bytes", refused.Message, StringComparison.Ordinal);
        Assert.Null(node.CurrentSnapshot.Member(addresses[0])!.Get("blob"));
    }

    [Fact]
    public void States_that_fit_alone_but_not_together_are_refused_and_one_that_fits_is_gossiped()
    {
        using var cluster = new ActorCluster(this, seed: 79);
        var settings = ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: "remote.maximum-message-size = 64KiB");
        var addresses = cluster.StartConverged(this, 2, settings);
        var node = cluster.Nodes[addresses[0]];
        var forty = new string('y', 40 * 1024);

        var first = node.SetApplicationStateAsync("first", forty);
        AwaitCondition(() => first.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(first.IsCompletedSuccessfully);

        var second = Assert.Throws<ApplicationStateTooLargeException>(() => { _ = node.SetApplicationStateAsync("second", forty); });
        Assert.Contains("application state 'second'", second.Message, StringComparison.Ordinal);

        // Replacing the first state by a value of the same size is no growth: it is accepted.
        var replaced = node.SetApplicationStateAsync("first", new string('z', 40 * 1024));
        AwaitCondition(() => replaced.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(replaced.IsCompletedSuccessfully);
        AwaitCondition(
            () => cluster.Nodes[addresses[1]].CurrentSnapshot.Member(addresses[0])?.Get("first")?.StartsWith('z') == true,
            TimeSpan.FromSeconds(10),
            "the other node received the 40 KiB state");
    }
}
