using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class RemoteSettingsBinderTests
{
    [Fact]
    public void The_transport_refuses_a_message_size_by_the_same_rule_as_the_serializer_naming_where_it_was_set()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind("remote.maximum-message-size = 512"));

        Assert.StartsWith("remote.maximum-message-size = 512 bytes is out of range; accepted 1KiB-2GiB (set at settings built in code", error.Message, StringComparison.Ordinal);
        Assert.Equal(2 << 20, RemoteSettingsBinder.Bind("remote.maximum-message-size = 2MiB").MaximumMessageSize);
    }
}
