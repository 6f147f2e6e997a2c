namespace GossipActors.Integration.Tests.Processes;

/// <summary>Whether this machine can publish the node natively: the .NET native toolchain links with clang.</summary>
public static class NativeToolchain
{
    /// <summary>Null when clang is on PATH; otherwise why a native publish cannot run here.</summary>
    public static string? MissingReason()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, "clang")));
        return found ? null : "clang is not on PATH (apt-get install clang; .ci/run installs it)";
    }
}
