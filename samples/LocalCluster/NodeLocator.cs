using System.Diagnostics;
using System.Reflection;

namespace LocalCluster;

/// <summary>
/// Finds GossipActors.Node.dll, in this order: <c>--node-dll</c>; the <c>GOSSIPACTORS_NODE_DLL</c>
/// environment variable; the path the LocalCluster build recorded (it builds the node project with
/// the same configuration); otherwise it builds samples/GossipActors.Node with <c>dotnet build -c
/// Release</c> from the repository holding GossipActors.sln and uses that.
/// </summary>
public static class NodeLocator
{
    public const string EnvironmentVariable = "GOSSIPACTORS_NODE_DLL";
    private const string NodeProject = "samples/GossipActors.Node/GossipActors.Node.csproj";

    public static async Task<string> LocateAsync(string? explicitPath, TextWriter log, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Existing(explicitPath, "--node-dll");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Existing(fromEnvironment, EnvironmentVariable);
        }

        var recorded = typeof(NodeLocator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GossipActorsNodeDll")?.Value;
        if (recorded is not null && File.Exists(recorded))
        {
            return recorded;
        }

        var repository = FindRepositoryRoot()
            ?? throw new LocalClusterException(
                $"cannot find GossipActors.Node.dll: not at '{recorded}', no GossipActors.sln above {AppContext.BaseDirectory} to build it from; pass --node-dll PATH or set {EnvironmentVariable}");
        await BuildAsync(repository, log, cancellationToken);
        var built = Path.Combine(repository, "samples", "GossipActors.Node", "bin", "Release", "net10.0", "GossipActors.Node.dll");
        return File.Exists(built)
            ? built
            : throw new LocalClusterException($"built {NodeProject} but {built} does not exist; pass --node-dll PATH");
    }

    /// <summary>The dotnet host to run the node with: the one running us when that is dotnet, else the SDK's, else PATH's.</summary>
    public static string DotnetHost()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        var sdkHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(sdkHost) && File.Exists(sdkHost) ? sdkHost : "dotnet";
    }

    private static string Existing(string path, string source)
    {
        var full = Path.GetFullPath(path);
        return File.Exists(full) ? full : throw new LocalClusterException($"{source} points at '{full}', which does not exist");
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GossipActors.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    private static async Task BuildAsync(string repository, TextWriter log, CancellationToken cancellationToken)
    {
        await log.WriteLineAsync($"building {NodeProject} (dotnet build -c Release) ...");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "build", NodeProject, "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start) ?? throw new LocalClusterException("could not start 'dotnet build'");
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0)
        {
            var text = (await output + await errors).Trim();
            throw new LocalClusterException($"'dotnet build {NodeProject} -c Release' failed with exit code {build.ExitCode}:\n{text}");
        }
    }
}
