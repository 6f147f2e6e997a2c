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
}
