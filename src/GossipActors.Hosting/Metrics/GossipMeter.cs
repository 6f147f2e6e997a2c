using System.Diagnostics.Metrics;
using GossipActors.Hosting.Runtime;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Metrics;

/// <summary>
/// The runtime's <see cref="GossipMetrics.MeterName"/> meter: one instrument per definition of
/// <see cref="GossipMetrics.All"/>. Gauges and counters are observed, from one reading shared by every instrument of
/// a collection (a reading asks the node's actors, so it is taken at most once a second); the round-latency histogram
/// is recorded as each ACK arrives.
/// </summary>
public sealed class GossipMeter : IDisposable
{
    /// <summary>How long a collection waits for the node's actors before it reports nothing for this round.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReadingLifetime = TimeSpan.FromSeconds(1);

    private readonly GossipActorsRuntime _runtime;
    private readonly ILogger _log;
    private readonly Meter _meter;
    private readonly Histogram<double> _roundLatency;
    private readonly Lock _gate = new();
    private (long AtMs, MetricReading? Reading) _last = (long.MinValue, null);

    public GossipMeter(GossipActorsRuntime runtime, string node, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        _runtime = runtime;
        _log = log;
        _meter = new Meter(new MeterOptions(GossipMetrics.MeterName) { Tags = [new("gossipactors.node", node)] });
        Histogram<double>? latency = null;
        foreach (var definition in GossipMetrics.All)
        {
            switch (definition.Kind)
            {
                case MetricKind.Gauge:
                    _meter.CreateObservableGauge(definition.Name, () => Observe(definition), definition.Unit, definition.Description);
                    break;
                case MetricKind.Counter:
                    _meter.CreateObservableCounter(definition.Name, () => Observe(definition), definition.Unit, definition.Description);
                    break;
                default:
                    latency = _meter.CreateHistogram(
                        definition.Name,
                        definition.Unit,
                        definition.Description,
                        tags: null,
                        new InstrumentAdvice<double> { HistogramBucketBoundaries = RoundMetrics.BucketBounds });
                    break;
            }
        }

        _roundLatency = latency ?? throw new InvalidOperationException($"{GossipMetrics.RoundLatency} is not defined");
        runtime.Rounds.RoundCompleted += RecordRound;
    }

    /// <summary>The meter itself, for a listener that wants this node's instruments only.</summary>
    public Meter Meter => _meter;

    public void Dispose()
    {
        _runtime.Rounds.RoundCompleted -= RecordRound;
        _meter.Dispose();
    }

    private void RecordRound(double seconds) => _roundLatency.Record(seconds);

    private IEnumerable<Measurement<double>> Observe(MetricDefinition definition)
    {
        if (Reading() is not { } reading)
        {
            return [];
        }

        return definition.Read!(reading)
            .Select(s => new Measurement<double>(s.Value, s.Labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))))
            .ToList();
    }

    private MetricReading? Reading()
    {
        if (!_runtime.IsStarted)
        {
            return null;
        }

        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (_last.Reading is { } fresh && now - _last.AtMs < (long)ReadingLifetime.TotalMilliseconds)
            {
                return fresh;
            }

            try
            {
                // Collections run on the collector's own thread (MeterListener, OpenTelemetry's reader, the EventSource of
                // dotnet-counters), never on an actor's: waiting here for the actors' answer cannot stall them.
                var reading = MetricReading.CaptureAsync(_runtime).WaitAsync(ReadTimeout).GetAwaiter().GetResult();
                _last = (now, reading);
                return reading;
            }
#pragma warning disable CA1031 // A node that cannot answer now (stopping, overloaded) reports nothing this time; the next collection asks again.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _log.LogDebug(error, "metrics collection could not read the node");
                return null;
            }
        }
    }
}
