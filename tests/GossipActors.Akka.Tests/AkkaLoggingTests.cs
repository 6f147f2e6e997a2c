using GossipActors.Gossip.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Akka.Tests;

/// <summary>Without a host, our components' ILogger lines go through Akka's logging, where an Akka application looks.</summary>
public sealed class AkkaLoggingTests : global::Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public async Task A_line_logged_through_the_system_s_logger_factory_is_an_akka_log_event_with_the_category_as_source()
    {
        var logger = LoggerFactorySetup.For(Sys).CreateLogger("GossipActors.Remote");

        await EventFilter.Custom(e =>
                e is global::Akka.Event.Warning &&
                e.LogSource.Contains("GossipActors.Remote", StringComparison.Ordinal) &&
                e.Message.ToString()!.Contains("black hole towards {peer} 10.0.0.1:7000", StringComparison.Ordinal))
            .ExpectOneAsync(() =>
        {
            logger.LogWarning("black hole towards {{peer}} {Peer}", "10.0.0.1:7000");
            return Task.CompletedTask;
        });
    }

    [Fact]
    public void Lines_below_akka_s_log_level_are_not_even_rendered()
    {
        var logger = LoggerFactorySetup.For(Sys).CreateLogger("GossipActors.Gossip");

        Assert.False(logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Trace) && !Sys.Log.IsDebugEnabled);
        Assert.Equal(Sys.Log.IsWarningEnabled, logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
    }
}
