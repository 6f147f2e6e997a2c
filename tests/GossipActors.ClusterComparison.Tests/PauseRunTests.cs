using GossipActors.ClusterComparison.Reporting;
using GossipActors.ClusterComparison.Systems;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

/// <summary>The pure parts of the pause run: its schedule, the conviction lines it counts, its table.</summary>
public sealed class PauseRunTests
{
    [Fact]
    public void A_conviction_line_gives_the_endpoint_and_phi()
    {
        const string line = "2026-12-04 19:26:52.589 info: /system/gossip/failure-detector[0] convicting 127.0.0.1:42905: phi 8.02 is above 8";

        Assert.True(ConvictionLogLine.TryParse(line, out var endpoint, out var phi));
        Assert.Equal("127.0.0.1:42905", endpoint);
        Assert.Equal(8.02, phi);
    }

    [Theory]
    [InlineData("2026-12-04 20:24:41.761 warn: /system/gossip/failure-detector[0] the failure detector ran 5172 ms late")]
    [InlineData("2026-12-04 20:24:05.694 warn: akka://gossip/system/endpointManager/reliableEndpointWriter-x/endpointWriter[0] Disassociated")]
    public void Other_detector_and_transport_lines_are_not_convictions(string line) =>
        Assert.False(ConvictionLogLine.TryParse(line, out _, out _));

    [Fact]
    public void Ten_minutes_with_a_stop_every_two_minutes_is_five_stops_from_thirty_seconds()
    {
        var stops = PauseSchedule.Stops(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(4));

        Assert.Equal([30, 150, 270, 390, 510], stops.Select(s => s.TotalSeconds));
    }

    [Fact]
    public void A_pause_as_long_as_its_period_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => PauseSchedule.Stops(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4)));

        Assert.Contains("the pause (4 s) must be positive and shorter than the period (4 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_shows_convictions_transitions_and_peak_phi_and_a_conviction_fails_the_run()
    {
        var clean = new PauseResult("GossipActors, defaults", 16, TimeSpan.FromMinutes(10.1), 5, TimeSpan.FromSeconds(4.02), [], 0, 0, 2.31);
        var convicted = clean with { Convictions = ["node 3 convicted 127.0.0.1:7016 (phi 8.40)"], ConvictionsOfStopped = 1, Transitions = 2 };

        var table = PauseTable.Render([clean]);

        Assert.Contains("| GossipActors, defaults | 16 | 10.1 min | 5 × 4.02 s | 0 | 0 | 0 | 2.31 |", table, StringComparison.Ordinal);
        Assert.True(clean.Clean);
        Assert.False(convicted.Clean);
    }
}
