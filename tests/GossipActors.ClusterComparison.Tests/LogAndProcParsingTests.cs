using GossipActors.ClusterComparison.Measurement;
using GossipActors.ClusterComparison.Systems;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

public sealed class LogAndProcParsingTests
{
    [Theory]
    [InlineData("    2026/12/04 17:51:31 [INFO] serf: EventMemberFailed: n3 127.0.0.1", "Failed", "n3")]
    [InlineData("    2026/12/04 17:51:21 [INFO] serf: EventMemberJoin: n12 127.0.0.1", "Join", "n12")]
    [InlineData("    2026/12/04 17:51:24 [INFO] serf: EventMemberUpdate: n1", "Update", "n1")]
    public void Serfs_membership_log_lines_give_the_event_and_the_node(string line, string kind, string node)
    {
        Assert.True(SerfLogLine.TryParse(line, out var parsedKind, out var parsedNode));
        Assert.Equal(kind, parsedKind);
        Assert.Equal(node, parsedNode);
    }

    [Theory]
    [InlineData("    2026/12/04 17:51:22 [INFO] agent: Received event: member-join")]
    [InlineData("    2026/12/04 17:51:27 [INFO] memberlist: Suspect n3 has failed, no acks received")]
    public void Serfs_coalesced_and_suspicion_lines_are_not_membership_changes(string line) =>
        Assert.False(SerfLogLine.TryParse(line, out _, out _));

    [Fact]
    public void Only_ports_in_listen_state_are_read_from_proc_net_tcp()
    {
        string[] table =
        [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:A2B4 0100007F:1F40 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0000000000000000 20 4 30 10 -1",
        ];

        Assert.Equal([8000], ListeningPorts.Parse(table));
    }

    [Fact]
    public void The_byte_count_is_the_sum_of_every_counter_in_the_nft_listing()
    {
        const string Listing = """
            table inet gossipactors_cc_1 {
              chain out {
                type filter hook output priority filter; policy accept;
                meta l4proto { tcp, udp } th dport @ports counter packets 12 bytes 3400 accept
                meta l4proto { tcp, udp } th sport @ports counter packets 3 bytes 600 accept
              }
            }
            """;

        Assert.Equal(4000, PortByteCounter.SumCounters(Listing));
    }
}
