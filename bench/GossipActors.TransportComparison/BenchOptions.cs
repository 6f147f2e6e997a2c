using GossipActors.TransportComparison.Transports;

namespace GossipActors.TransportComparison;

/// <summary>One run's settings, as parsed from the command line.</summary>
/// <param name="Transports">Run one after the other, in this order, in the same process.</param>
/// <param name="WarmUp">JIT, association handshake, socket buffers and TCP windows settle before the window.</param>
/// <param name="Duration">The measured window.</param>
/// <param name="SmallBytes">Size of each small message.</param>
/// <param name="LargeBytes">Size of each streamed message.</param>
/// <param name="SmallOutstanding">Small messages in flight at once.</param>
/// <param name="LargeOutstanding">Large messages in flight at once; 0 runs the small messages alone.</param>
/// <param name="Overrides">HOCON applied on top of both systems' configuration, for experiments.</param>
public sealed record BenchOptions(
    IReadOnlyList<TransportKind> Transports,
    TimeSpan WarmUp,
    TimeSpan Duration,
    int SmallBytes,
    int LargeBytes,
    int SmallOutstanding,
    int LargeOutstanding,
    string? Overrides);
