using System.Reflection;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>Where the two .NET node programs are (recorded by this project's build) and the dotnet host that runs them.</summary>
public static class NodePrograms
{
    public static string GossipNodeDll() => Recorded("GossipActorsNodeDll");

    public static string GossipNodeProject() => Recorded("GossipActorsNodeProject");

    /// <summary>The configuration the harness was built in (its node programs were built in the same).</summary>
    public static string BuildConfiguration() =>
        typeof(NodePrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Release";

    public static string AkkaNodeDll() => Recorded("AkkaNodeDll");

    public static string GossipAppNodeDll() => Recorded("GossipAppNodeDll");

    /// <summary>The dotnet host running the harness when that is dotnet (as under `dotnet run`), else PATH's.</summary>
    public static string DotnetHost()
    {
        var processPath = Environment.ProcessPath;
        return processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? processPath
            : "dotnet";
    }

    private static string Recorded(string key)
    {
        var path = typeof(NodePrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new ComparisonException($"the node program '{path ?? key}' does not exist; build the harness with the same configuration it runs in (dotnet run -c Release --project bench/GossipActors.ClusterComparison)");
    }
}
