namespace GossipActors.Protocol.FailureDetection;

/// <summary>The value of <c>gossip.failure-detector.model</c>.</summary>
public enum PhiModelKind
{
    /// <summary>Cassandra's: inter-arrival times assumed exponential, phi = gap / mean / ln 10.</summary>
    Exponential,

    /// <summary>Akka's: inter-arrival times assumed normal, with a minimum deviation and an acceptable pause.</summary>
    Normal,
}
