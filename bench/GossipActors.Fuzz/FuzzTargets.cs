namespace GossipActors.Fuzz;

/// <summary>The targets by the names run.sh, the harness and the corpus replay test use.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["decode", "frames", "handshake"];

    /// <param name="strict">Frames only: tolerate nothing of the reassembler's up-front reservation (see <see cref="FramesTarget"/>).</param>
    public static FuzzTarget Create(string name, bool strict = false) => name switch
    {
        "decode" => new DecodeTarget(),
        "frames" => new FramesTarget(tolerateDeclaredReservation: !strict),
        "handshake" => new HandshakeTarget(),
        _ => throw new ArgumentException($"unknown fuzz target '{name}'; the targets are {string.Join(", ", Names)}", nameof(name)),
    };
}
