using System.Reflection;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// The programs the tests start as processes: the paths their builds recorded in this assembly (the project
/// references them without referencing their assemblies), and the dotnet host to run them with.
/// </summary>
public static class Programs
{
    public static string NodeDll => Recorded("GossipActorsNodeDll");

    public static string LocalClusterDll => Recorded("LocalClusterDll");

    public static string GossipCtlDll => Recorded("GossipCtlDll");

    public static string ChaosRunnerDll => Recorded("ChaosRunnerDll");

    public static string AkkaApplicationDll => Recorded("AkkaApplicationDll");

    public static string DotnetHost
    {
        get
        {
            var sdkHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(sdkHost) && File.Exists(sdkHost))
            {
                return sdkHost;
            }

            var processPath = Environment.ProcessPath;
            return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
        }
    }

    private static string Recorded(string key)
    {
        var path = typeof(Programs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"the test assembly has no {key} metadata");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{key}: {path} was not built", path);
    }
}
