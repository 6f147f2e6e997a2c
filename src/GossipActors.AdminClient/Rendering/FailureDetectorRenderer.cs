using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;

namespace GossipActors.AdminClient.Rendering;

/// <summary>
/// <c>gossipctl failuredetector</c>: per peer, phi and the history behind it, so a flapping peer
/// (GC pauses, a lossy link) can be told from a dead one at a glance.
/// </summary>
public static class FailureDetectorRenderer
{
    public static string Render(FailureDetectorResponse detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"Phi convict threshold: {detector.PhiConvictThreshold:0.##} ({detector.Model} model)");
        if (detector.PendingRestore is { } restore)
        {
            // The node's own count of the time left, so a skewed operator clock cannot mislead.
            output.Append(CultureInfo.InvariantCulture, $"; restored to {restore.Value:0.##} at {restore.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in {Duration(restore.InMs)}) by the node");
        }

        output.Append('\n');

        var table = new TextTable("Endpoint", "Status", "Judged by", ">Phi", ">Mean interval", ">Samples", ">Last heartbeat", ">Transitions (10 min)", "Flapping", ">Clock skew");
        foreach (var endpoint in detector.Endpoints.OrderBy(e => e.Address, AddressOrder.Instance))
        {
            table.Add(
                endpoint.Address,
                endpoint.Status == Liveness.Up ? "UP" : "DOWN",
                JudgedBy(endpoint),
                Phi.Format(endpoint.Phi),
                string.Create(CultureInfo.InvariantCulture, $"{endpoint.MeanIntervalMs:0} ms"),
                endpoint.SampleCount.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{endpoint.LastHeartbeatAgeMs / 1000.0:0.0} s ago"),
                endpoint.TransitionsLast10Min.ToString(CultureInfo.InvariantCulture),
                endpoint.Flapping ? "YES" : "no",
                ClockSkewText.Format(endpoint.ClockSkewMs, endpoint.ClockSkewRoundTripMs));
        }

        table.WriteTo(output);

        var suspicious = detector.Endpoints.Count(e => !(e.Phi <= AssassinationSafety.SuspicionPhi));
        output.Append(CultureInfo.InvariantCulture, $"{suspicious} of {detector.Endpoints.Count} peers have phi above {AssassinationSafety.SuspicionPhi:0.0#}");
        var flapping = detector.Endpoints.Where(e => e.Flapping).Select(e => e.Address).ToList();
        if (flapping.Count > 0)
        {
            output.Append("; flapping: ").Append(string.Join(", ", flapping));
        }

        var skewed = detector.Endpoints.Where(e => ClockSkewText.Beyond(e.ClockSkewMs, detector.ClockSkewWarningMs)).Select(e => e.Address).ToList();
        if (skewed.Count > 0)
        {
            output.Append(CultureInfo.InvariantCulture, $"; clock further than {detector.ClockSkewWarningMs} ms (gossip.clock-skew-warning) from this node's: ").Append(string.Join(", ", skewed));
        }

        return output.Append('\n').ToString();
    }

    private static string Duration(long ms)
    {
        var span = TimeSpan.FromMilliseconds(ms);
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
            : span.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds} s")
                : string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
    }

    /// <summary>Whose judgement counts for this peer here: an observer's gossiped conviction, this node as an observer, or gossip.</summary>
    private static string JudgedBy(EndpointFailureInfo endpoint) => endpoint switch
    {
        { ConvictedBy: { } observer } => "convicted by " + observer,
        { Observed: true } => "observer (direct)",
        _ => "gossip (backstop)",
    };
}
