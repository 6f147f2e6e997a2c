using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using GossipActors.Hosting.Metrics;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// The GossipActors meter, read with a MeterListener as OpenTelemetry or dotnet-counters would, against a live node;
/// and /metrics rendered from the same definitions, under the same names.
/// </summary>
public sealed class MeterTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public void The_prometheus_names_are_the_ones_metrics_has_always_had_plus_the_new_gauges()
    {
        Assert.Equal(
            [
                "gossipactors_phi", "gossipactors_phi_convict_threshold", "gossipactors_members", "gossipactors_joined",
                "gossipactors_converged", "gossipactors_config_drift", "gossipactors_clock_skew_seconds", "gossipactors_clock_skew_round_trip_seconds",
                "gossipactors_clock_skew_warning_seconds", "gossipactors_gossip_backlog_seconds", "gossipactors_gossip_backlog_threshold_seconds",
                "gossipactors_convictions_total", "gossipactors_rounds_total", "gossipactors_gossip_exchanges_replaced_total",
                "gossipactors_round_latency_seconds", "gossipactors_transport_bytes_total", "gossipactors_transport_frames_total",
                "gossipactors_transport_messages_total", "gossipactors_transport_datagrams_total",
                "gossipactors_transport_refused_datagrams_total", "gossipactors_transport_connections_opened_total",
                "gossipactors_transport_reconnects_total", "gossipactors_transport_dial_failures_total",
                "gossipactors_transport_black_hole_findings_total", "gossipactors_transport_mtu_discoveries_total",
                "gossipactors_transport_malformed_inputs_total", "gossipactors_transport_refused_connections_total",
                "gossipactors_transport_stalled_messages_total", "gossipactors_transport_flood_memory_releases_total",
                "gossipactors_dead_letters_total",
            ],
            GossipMetrics.All.Select(d => d.PrometheusName));
    }

    [Fact]
    public async Task A_meter_listener_reads_every_instrument_and_metrics_shows_each_under_its_derived_name()
    {
        var seed = cluster.Seed;
        // A round must have completed for the latency histogram to have a measurement to publish.
        await Eventually.ValueAsync(() => Task.FromResult(seed.Runtime.Rounds.Completed), c => c > 0, "the seed completing a gossip round");

        var measurements = new List<(string Instrument, double Value, Dictionary<string, string?> Tags)>();
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this node's meter: other nodes in this process have their own instance of the same meter name.
                if (ReferenceEquals(instrument.Meter, seed.Runtime.Meter.Meter))
                {
                    published.Add(instrument);
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        // The histogram's callback adds from gossip threads while the test reads: read copies taken under the lock.
        List<(string Instrument, double Value, Dictionary<string, string?> Tags)> Snapshot()
        {
            lock (measurements)
            {
                return [.. measurements];
            }
        }

        var observed = Snapshot();

        Assert.Equal(GossipMetrics.MeterName, seed.Runtime.Meter.Meter.Name);
        Assert.Contains(seed.Runtime.Meter.Meter.Tags!, t => t.Key == "gossipactors.node" && (string?)t.Value == seed.GossipAddress);
        Assert.Equal(GossipMetrics.All.Select(d => d.Name).Order(), published.Select(i => i.Name).Order());

        var phi = Assert.Single(observed, m => m.Instrument == "gossipactors.phi");
        Assert.Equal(cluster.Second.GossipAddress, phi.Tags["endpoint"]);
        Assert.Equal(8, Assert.Single(observed, m => m.Instrument == "gossipactors.phi_convict_threshold").Value);
        Assert.Equal(2, Assert.Single(observed, m => m.Instrument == "gossipactors.members" && m.Tags["status"] == "up").Value);
        Assert.Equal(1, Assert.Single(observed, m => m.Instrument == "gossipactors.converged").Value);
        Assert.Equal(0, Assert.Single(observed, m => m.Instrument == "gossipactors.config_drift").Value);
        Assert.Equal(1, Assert.Single(observed, m => m.Instrument == "gossipactors.gossip.backlog_threshold").Value);
        // The seed completed a round, so it has read the second node's clock: the same machine's, so within 50 ms.
        var skew = Assert.Single(observed, m => m.Instrument == "gossipactors.clock_skew");
        Assert.Equal(cluster.Second.GossipAddress, skew.Tags["endpoint"]);
        Assert.InRange(skew.Value, -0.05, 0.05);
        Assert.Equal(0.05, Assert.Single(observed, m => m.Instrument == "gossipactors.clock_skew_warning").Value);
        Assert.True(Assert.Single(observed, m => m.Instrument == "gossipactors.rounds").Value > 0);
        Assert.True(Assert.Single(observed, m => m.Instrument == "gossipactors.transport.bytes" && m.Tags["direction"] == "out").Value > 0);

        // The histogram is recorded as rounds complete, not observed: wait for the next one.
        await Eventually.ValueAsync(
            () => Task.FromResult(Snapshot().Count(m => m.Instrument == GossipMetrics.RoundLatency)),
            count => count > 0,
            "a round latency measurement");
        var latency = published.OfType<Histogram<double>>().Single();
        Assert.Equal("s", latency.Unit);

        var text = await seed.Admin.GetMetricsAsync();
        foreach (var definition in GossipMetrics.All)
        {
            Assert.Contains($"# TYPE {definition.PrometheusName} {definition.PrometheusType}\n", text, StringComparison.Ordinal);
            Assert.Contains($"# HELP {definition.PrometheusName} {definition.Description}\n", text, StringComparison.Ordinal);
        }

        Assert.Matches(@"(?m)^gossipactors_converged 1$", text);
        Assert.Matches(@"(?m)^gossipactors_config_drift 0$", text);
        Assert.Matches(@"(?m)^gossipactors_gossip_backlog_threshold_seconds 1$", text);
        Assert.Matches(@"(?m)^gossipactors_clock_skew_warning_seconds 0\.05$", text);
        Assert.Matches($@"(?m)^gossipactors_clock_skew_seconds{{endpoint=""{Regex.Escape(cluster.Second.GossipAddress)}""}} -?\d", text);
        Assert.Matches(new Regex(@"(?m)^gossipactors_round_latency_seconds_count [1-9]"), text);
    }
}
