namespace GossipActors.Protocol.FailureDetection;

/// <summary>What an evaluation did; anything but <see cref="Evaluated"/> explains why nobody was convicted.</summary>
public enum EvaluationOutcome
{
    Evaluated,

    /// <summary>The detector itself was paused recently (GC, stalled host): silences it measured are not the peers' fault.</summary>
    ConvictionsSuppressedByLocalPause,

    /// <summary>Gossip is behind, so heartbeats may be waiting unprocessed; judging now would convict healthy peers.</summary>
    SkippedGossipBacklog,
}
