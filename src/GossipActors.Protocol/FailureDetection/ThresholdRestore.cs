namespace GossipActors.Protocol.FailureDetection;

/// <summary>A threshold the detector puts back by itself when a timed change's window ends.</summary>
/// <param name="Value">The threshold that will be in force again.</param>
/// <param name="AtUnixMs">When, in the detector's clock (Unix milliseconds).</param>
public sealed record ThresholdRestore(double Value, long AtUnixMs);
