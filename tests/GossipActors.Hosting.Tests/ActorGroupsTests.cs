using GossipActors.Hosting.Runtime;
using Xunit;

namespace GossipActors.Hosting.Tests;

public sealed class ActorGroupsTests
{
    [Theory]
    [InlineData("/user/gossip", "gossip")]
    [InlineData("/user/gossip/failure-detector", "gossip/failure-detector")]
    [InlineData("/user/gossip/rounds/round-17", "gossip/rounds")]
    [InlineData("/user/gossip/endpoints/127.0.0.1:7000", "gossip/endpoints")]
    [InlineData("/user/remote/outbound-10.0.0.1_7000", "remote/outbound")]
    [InlineData("/user/remote/outbound-10.0.0.1_7000/framer", "remote/outbound/framer")]
    [InlineData("/user/remote/inbound-3/framer", "remote/inbound/framer")]
    [InlineData("/system/deadLetterListener", "system/deadLetterListener")]
    public void Per_instance_actors_collapse_into_their_group(string path, string group) =>
        Assert.Equal(group, ActorGroups.Of(path));
}
