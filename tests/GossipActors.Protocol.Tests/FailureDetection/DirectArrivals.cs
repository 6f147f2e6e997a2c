using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>Direct heartbeats and evaluations on virtual milliseconds, as the detector's actor would feed them.</summary>
internal static class DirectArrivals
{
    public const long Interval = 500;

    /// <summary><paramref name="count"/> direct heartbeats of <paramref name="endpoint"/> 500 ms apart from <paramref name="from"/>, evaluated as they come (none may convict); returns the last one's time.</summary>
    public static long Heartbeats(FailureDetectorCore core, EndpointAddress endpoint, long from, int count)
    {
        var now = from;
        for (var i = 0; i < count; i++)
        {
            now = from + (i * Interval);
            core.ReportDirect(endpoint, now);
            Assert.Empty(core.Evaluate(now, 0).Convictions);
        }

        return now;
    }

    /// <summary>Evaluates every 100 ms (the default evaluation interval) after <paramref name="last"/> until <paramref name="endpoint"/> is convicted.</summary>
    public static long EvaluateUntilConvicted(FailureDetectorCore core, EndpointAddress endpoint, long last)
    {
        for (var now = last + 100; now <= last + 60_000; now += 100)
        {
            if (core.Evaluate(now, 0).Convictions.Any(c => c.Endpoint == endpoint))
            {
                return now;
            }
        }

        throw new InvalidOperationException($"{endpoint} was not convicted within 60 s of silence");
    }
}
