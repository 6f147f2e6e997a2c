using Akka.Actor;
using GossipActors.TransportComparison.Actors;
using GossipActors.TransportComparison.Measurement;
using GossipActors.TransportComparison.Transports;

namespace GossipActors.TransportComparison;

/// <summary>
/// One transport, start to finish: start A and B, resolve B's actors from A, start both streams, let the warm-up
/// pass, measure one window, stop the senders, collect what each actor recorded, shut both systems down.
/// </summary>
public static class ComparisonRun
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(15);

    public static async Task<TransportOutcome> RunAsync(TransportKind kind, BenchOptions options, CancellationToken cancellationToken)
    {
        if (TransportAvailability.WhyUnavailable(kind) is { } why)
        {
            return TransportOutcome.Failed(kind, why);
        }

        SystemPair pair;
        try
        {
            pair = await SystemPair.StartAsync(kind, options.Overrides);
        }
        catch (Exception e)
        {
            return TransportOutcome.Failed(kind, "the actor systems did not start: " + Describe(e));
        }

        await using (pair)
        {
            try
            {
                return TransportOutcome.Measured(kind, await MeasureAsync(pair, options, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Ask and ResolveOne time out with TaskCanceledException, which is not the user's Ctrl-C.
                return TransportOutcome.Failed(kind, "the run failed: " + Describe(e));
            }
        }
    }

    private static async Task<TransportFigures> MeasureAsync(SystemPair pair, BenchOptions options, CancellationToken cancellationToken)
    {
        var echo = pair.B.ActorOf(Props.Create<SmallEcho>(), "echo");
        var sink = pair.B.ActorOf(Props.Create<LargeSink>(), "sink");
        var echoFromA = await pair.ResolveOnBAsync("echo", ResolveTimeout);
        var sinkFromA = await pair.ResolveOnBAsync("sink", ResolveTimeout);

        // Fixed now, after the association is up, so the warm-up is all traffic and no handshake. Local tells
        // reach B's actors before any message the senders below can get across the network.
        var window = MeasurementWindow.After(options.WarmUp, options.Duration);
        echo.Tell(window);
        sink.Tell(window);
        var large = options.LargeOutstanding > 0
            ? pair.A.ActorOf(LargeSender.Props(sinkFromA, options.LargeBytes, options.LargeOutstanding), "large")
            : ActorRefs.Nobody;
        var small = pair.A.ActorOf(SmallSender.Props(echoFromA, options.SmallBytes, options.SmallOutstanding, window), "small");

        await Task.Delay(window.UntilStart(), cancellationToken);
        var before = ResourceSnapshot.Take();
        await Task.Delay(window.UntilEnd(), cancellationToken);
        var after = ResourceSnapshot.Take();

        small.Tell(StopSending.Instance);
        large.Tell(StopSending.Instance);
        var oneWay = await echo.Ask<LatencySummary>(ReportRequest.Instance, ReportTimeout, cancellationToken);
        var roundTrip = await small.Ask<LatencySummary>(ReportRequest.Instance, ReportTimeout, cancellationToken);
        var largeReport = await sink.Ask<LargeReport>(ReportRequest.Instance, ReportTimeout, cancellationToken);
        return new TransportFigures(
            pair.AddressOfB.ToString(),
            window.Seconds,
            oneWay,
            roundTrip,
            largeReport.Received,
            options.LargeBytes,
            ResourceSnapshot.Between(before, after));
    }

    private static string Describe(Exception e)
    {
        // Akka wraps the cause a reader can act on (a missing type, a port in use) in AggregateExceptions whose
        // messages only repeat it.
        var cause = e;
        while (cause.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return $"{cause.GetType().Name}: {cause.Message}";
    }
}
