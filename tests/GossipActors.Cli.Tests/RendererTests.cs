using System.Text.Json;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class RendererTests
{
    [Fact]
    public void Status_is_a_nodetool_table_per_datacenter_sorted_by_address()
    {
        var status = JsonSerializer.Deserialize(FakeAdminServer.Fixture("status"), AdminJsonContext.Default.StatusResponse)!;

        var text = StatusRenderer.Render(status);

        Assert.Equal(
            """
            Cluster: local (as seen by 127.0.0.1:7000)

            Datacenter: (unknown)
            =====================
            Status=Up/Down
            |/ State=Normal/Leaving/Joining/Moving (X=Left, S=Shutdown)
            --  Address        Load  Host ID  Rack   Phi
            UJ  10.0.0.9:7000  ?     ?        ?     1.50

            Datacenter: dc1
            ===============
            Status=Up/Down
            |/ State=Normal/Leaving/Joining/Moving (X=Left, S=Shutdown)
            --  Address          Load        Host ID                               Rack        Phi
            UN  127.0.0.1:7000   103.56 KiB  9b6d1c7e-0000-4000-8000-000000000001  rack1      self
            UL  127.0.0.1:7002   512 B       9b6d1c7e-0000-4000-8000-000000000002  rack2      0.43
            DN  127.0.0.1:10000  2.00 MiB    9b6d1c7e-0000-4000-8000-000000000003  rack1  Infinity

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Status_prints_self_only_for_the_answering_node_and_a_question_mark_for_an_unknown_phi()
    {
        var status = new StatusResponse("c", "127.0.0.1:7000",
        [
            new EndpointStatus("127.0.0.1:7000", Liveness.Up, MembershipState.Normal, "dc1", "r1", "h0", null, null, 1, 1, IsLocal: true),
            new EndpointStatus("127.0.0.1:7002", Liveness.Down, MembershipState.Normal, "dc1", "r1", "h2", null, null, 1, 1, IsLocal: false),
        ]);

        var rows = StatusRenderer.Render(status).Split('\n');

        Assert.EndsWith(" self", Assert.Single(rows, r => r.StartsWith("UN  127.0.0.1:7000", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(" ?", Assert.Single(rows, r => r.StartsWith("DN  127.0.0.1:7002", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_with_no_endpoints_says_so()
    {
        var text = StatusRenderer.Render(new StatusResponse("c", "127.0.0.1:7000", []));
        Assert.Contains("(no endpoints known)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gossipinfo_uses_cassandras_layout_with_well_known_states_first()
    {
        var info = JsonSerializer.Deserialize(FakeAdminServer.Fixture("gossipinfo"), AdminJsonContext.Default.GossipInfoResponse)!;

        Assert.Equal(
            """
            /127.0.0.1:7000
              generation:1700000000
              heartbeat:321
              STATUS:4:NORMAL
              LOAD:320:106045.0
              HOST_ID:1:9b6d1c7e-0000-4000-8000-000000000001
            /127.0.0.1:7002
              generation:1700000050
              heartbeat:300
              STATUS:5:NORMAL
              DC:2:dc1
              RACK:3:rack2
              zone:7:blue

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            GossipInfoRenderer.Render(info));
    }

    [Fact]
    public void Gossipinfo_keeps_a_multi_line_value_on_one_line()
    {
        var info = new GossipInfoResponse([new EndpointGossipInfo("h:1", 1, 2, [new ApplicationStateEntry("note", 3, "a\nb")])]);
        Assert.Contains("  note:3:a\\nb\n", GossipInfoRenderer.Render(info), StringComparison.Ordinal);
    }

    [Fact]
    public void Failuredetector_lists_every_peer_with_who_judges_it_its_history_and_a_summary()
    {
        var detector = JsonSerializer.Deserialize(FakeAdminServer.Fixture("failuredetector"), AdminJsonContext.Default.FailureDetectorResponse)!;

        Assert.Equal(
            """
            Phi convict threshold: 8 (exponential model)
            Endpoint        Status  Judged by                      Phi  Mean interval  Samples  Last heartbeat  Transitions (10 min)  Flapping  Clock skew
            127.0.0.1:7002  UP      observer (direct)             0.43         999 ms      120       0.4 s ago                     4  YES       +120 ms ±3
            127.0.0.1:7004  DOWN    convicted by 127.0.0.1:7006  12.25        1003 ms       57      28.5 s ago                     1  no                 -
            127.0.0.1:7006  UP      observer (direct)             0.10        1000 ms      120       0.1 s ago                     0  no          -3 ms ±1
            127.0.0.1:7008  UP      gossip (backstop)             0.20        1000 ms      120       0.2 s ago                     0  no                 -
            1 of 4 peers have phi above 7.5; flapping: 127.0.0.1:7002; clock further than 50 ms (gossip.clock-skew-warning) from this node's: 127.0.0.1:7002

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            FailureDetectorRenderer.Render(detector));
    }

    [Fact]
    public void Failuredetector_shows_the_pending_restore_of_a_timed_setphi_with_the_nodes_count_of_the_time_left()
    {
        var detector = JsonSerializer.Deserialize(FakeAdminServer.Fixture("failuredetector"), AdminJsonContext.Default.FailureDetectorResponse)! with
        {
            PhiConvictThreshold = 12,
            PendingRestore = new ThresholdRestoreInfo(8, new DateTimeOffset(2026, 12, 4, 23, 40, 0, TimeSpan.Zero), 538_000),
        };

        var firstLine = FailureDetectorRenderer.Render(detector).Split('\n')[0];

        Assert.Equal("Phi convict threshold: 12 (exponential model); restored to 8 at 2026-12-04 23:40:00 UTC (in 8 min 58 s) by the node", firstLine);
    }

    [Fact]
    public void Histograms_prints_one_row_per_latency_with_a_dash_for_an_empty_window()
    {
        var histograms = JsonSerializer.Deserialize(FakeAdminServer.Fixture("histograms"), AdminJsonContext.Default.HistogramsResponse)!;

        Assert.Equal(
            """
            Gossip latencies over the last 5 min (milliseconds)
            Latency         Count   50%   75%   95%   98%   99%    Max  Measured
            round            1500  1.25  1.50  2.75  4.00  6.50  41.20  round begun here: SYN out to ACK2 out
            syn-ack          1500  1.10  1.30  2.50  3.90  6.10  40.90  round begun here: SYN out to the peer's ACK in
            syn-processing   1480  0.12  0.20  0.50  0.90  1.40  12.00  a peer's SYN handled here: SYN in to ACK out
            ack-processing      0     -     -     -     -     -      -  a peer's ACK handled here: ACK in to ACK2 out

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            HistogramsRenderer.Render(histograms));
    }

    [Fact]
    public void Describecluster_flags_disagreement_and_lists_unreachable_nodes()
    {
        var cluster = JsonSerializer.Deserialize(FakeAdminServer.Fixture("describecluster"), AdminJsonContext.Default.DescribeClusterResponse)!;

        Assert.Equal(
            """
            Cluster Information:
                Name: local
                Schema versions:
                    59adb24e-f3cd-3e02-97f0-5b395827453f: [127.0.0.1:7000, 127.0.0.1:7002]
                    2207c2a9-f598-3971-986b-2926e09e239d: [127.0.0.1:7006]
                    UNREACHABLE: [127.0.0.1:7004]
                Schema agreement: NO (2 versions among reachable nodes)

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            DescribeClusterRenderer.Render(cluster));
    }

    [Fact]
    public void Describecluster_in_agreement_says_yes()
    {
        var cluster = new DescribeClusterResponse("c", [new SchemaVersionGroup("", ["127.0.0.1:7000"])], [], false);
        var text = DescribeClusterRenderer.Render(cluster);
        Assert.Contains("(none published): [127.0.0.1:7000]", text, StringComparison.Ordinal);
        Assert.Contains("Schema agreement: yes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UNREACHABLE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describecluster_names_the_settings_a_drifting_group_differs_in()
    {
        var cluster = new DescribeClusterResponse(
            "c",
            [new SchemaVersionGroup("", ["127.0.0.1:7000", "127.0.0.1:7002"])],
            [],
            false,
            [new ConfigVersionGroup("9c9bbfc9", ["127.0.0.1:7000"], []), new ConfigVersionGroup("41d07a3e", ["127.0.0.1:7002"], ["gossip.interval", "gossip.fanout"])],
            ConfigDrift: true);
        var text = DescribeClusterRenderer.Render(cluster);
        Assert.Contains("        9c9bbfc9: [127.0.0.1:7000]\n", text, StringComparison.Ordinal);
        Assert.Contains("        41d07a3e: [127.0.0.1:7002] differ from this node in gossip.interval, gossip.fanout\n", text, StringComparison.Ordinal);
        Assert.Contains("Configuration agreement: NO (2 fingerprints among reachable nodes)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tpstats_is_one_row_per_actor_group_with_numbers_right_aligned()
    {
        var stats = JsonSerializer.Deserialize(FakeAdminServer.Fixture("tpstats"), AdminJsonContext.Default.TpStatsResponse)!;

        Assert.Equal(
            """
            Actor group              Actors  Mailbox  Processed  Failed  Dropped
            gossip/endpoints              3       12     104233       1        0
            gossip/failure-detector       1        0        998       0        0
            gossip/rounds                 1        0       5321       0        2

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            TpStatsRenderer.Render(stats));
    }

    [Theory]
    [InlineData(null, "?")]
    [InlineData(0.0, "0 B")]
    [InlineData(1023.0, "1023 B")]
    [InlineData(1024.0, "1.00 KiB")]
    [InlineData(106045.0, "103.56 KiB")]
    [InlineData(5368709120.0, "5.00 GiB")]
    [InlineData(-1.0, "?")]
    public void Load_is_printed_with_binary_prefixes(double? bytes, string expected) =>
        Assert.Equal(expected, ByteSize.Format(bytes));

    [Theory]
    [InlineData(0.434, "0.43")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NaN, "NaN")]
    public void Phi_is_printed_with_two_decimals_or_spelled_out(double phi, string expected) =>
        Assert.Equal(expected, Phi.Format(phi));

    [Fact]
    public void Addresses_sort_by_host_then_numeric_port()
    {
        string[] addresses = ["127.0.0.1:10000", "not an address", "127.0.0.1:7000", "10.0.0.1:9"];
        Assert.Equal(["10.0.0.1:9", "127.0.0.1:7000", "127.0.0.1:10000", "not an address"], addresses.Order(AddressOrder.Instance));
    }
}
