using GossipActors.Actors;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;

namespace GossipActors.Actors.Tests;

public sealed class LoggingTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly Kit _kit;

    public LoggingTests()
    {
        _factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(_logs));
        _kit = new Kit(new TestKitOptions { ConfigureSettings = s => s with { LoggerFactory = _factory } });
    }

    [Fact]
    public void An_actor_logs_under_a_category_that_is_its_path()
    {
        var actor = _kit.Sys.ActorOf(Props.Create(() => new Talker()), "talker");

        actor.Tell("hello");
        _kit.RunUntilIdle();

        var line = Assert.Single(_logs.Lines, l => l.Message == "said hello");
        Assert.Equal("/user/talker", line.Category);
        Assert.Equal(LogLevel.Information, line.Level);
    }

    [Fact]
    public void A_failure_is_logged_at_error_under_the_failing_actor_with_the_supervisor_decision()
    {
        var actor = _kit.Sys.ActorOf(Props.Create(() => new LifecycleActor(ActorRefs.Nobody)), "fragile");

        actor.Tell(new Boom("disk on fire"));
        _kit.RunUntilIdle();

        var line = Assert.Single(_logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal("/user/fragile", line.Category);
        Assert.Contains("disk on fire", line.Message, StringComparison.Ordinal);
        Assert.Contains("supervisor [/user] decided Restart", line.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    public void Dispose()
    {
        _kit.Dispose();
        _factory.Dispose();
    }

    private sealed class Kit(TestKitOptions options) : TestKit.TestKit(options);

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            Receive<string>(text => Log.LogInformation("said {Text}", text));
        }
    }
}
