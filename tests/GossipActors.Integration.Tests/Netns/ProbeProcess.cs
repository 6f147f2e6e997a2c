using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>Starts the transport probe (tests/GossipActors.Remote.Probe, copied next to the tests) inside a namespace.</summary>
public static class ProbeProcess
{
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static NetnsProcess Start(string netns, string label, ITestOutputHelper? output, params string[] arguments)
    {
        var probe = Path.Combine(AppContext.BaseDirectory, "GossipActors.Remote.Probe.dll");
        if (!File.Exists(probe))
        {
            throw new FileNotFoundException($"the probe was not copied next to the tests: {probe}");
        }

        return NetnsProcess.Start(netns, label, output, DotnetHost, [probe, .. arguments]);
    }
}
