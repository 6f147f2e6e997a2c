using Akka.Event;
using GossipActors.TestKit;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The Akka system under the gossip tree logs through the host's logging, not Akka's stdout logger.</summary>
public sealed class AkkaLoggingTests
{
    [Fact]
    public async Task A_warning_of_the_akka_system_reaches_the_host_s_logger_with_its_source_as_category()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs);

        node.Runtime.System.Log.Warning("bridge probe {0}", 42);

        var line = await Eventually.ValueAsync(
            () => Task.FromResult(logs.Lines.FirstOrDefault(l => l.Message.Contains("bridge probe 42", StringComparison.Ordinal))),
            l => l is not null,
            "the Akka warning in the host's log");
        Assert.Equal(LogLevel.Warning, line!.Level);
        Assert.Contains("gossip", line.Category, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Akka_s_disassociation_error_reaches_the_host_as_one_warning_without_a_stack_trace()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs);

        // Akka.Remote's own type, internal to it: what its EndpointWriter logs when a peer goes away.
        var type = typeof(global::Akka.Remote.RemoteSettings).Assembly.GetType("Akka.Remote.EndpointDisassociatedException", throwOnError: true)!;
        var disassociated = (Exception)Activator.CreateInstance(type, System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic, null, ["Disassociated"], null)!;
        node.Runtime.System.Log.Error(disassociated, "Disassociated probe");

        var line = await Eventually.ValueAsync(
            () => Task.FromResult(logs.Lines.FirstOrDefault(l => l.Message.Contains("Disassociated probe", StringComparison.Ordinal))),
            l => l is not null,
            "the disassociation in the host's log");
        Assert.Equal(LogLevel.Warning, line!.Level);
        Assert.Null(line.Exception);
        Assert.Equal("Disassociated probe: Disassociated", line.Message);
    }
}
