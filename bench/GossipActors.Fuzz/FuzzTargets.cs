namespace GossipActors.Fuzz;

/// <summary>The targets by the names run.sh, the harness and the corpus replay test use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["decode", "frames", "handshake"];

    public static FuzzTarget Create(string name) => name switch
    {
        "decode" => new DecodeTarget(),
        "frames" => new FramesTarget(),
        "handshake" => new HandshakeTarget(),
        _ => throw new ArgumentException($"unknown fuzz target '{name}'; the targets are {string.Join(", ", Names)}", nameof(name)),
    };
}
