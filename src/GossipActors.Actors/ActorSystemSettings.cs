using GossipActors.Actors.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Actors;

/// <summary>Everything an <see cref="ActorSystem"/> is built from.</summary>
public sealed record ActorSystemSettings
{
    public static readonly ActorSystemSettings Default = new();

    /// <summary>The clock for the scheduler, timers, Ask timeouts and restart windows; virtual in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>User messages an actor processes before giving its thread back (Akka's <c>throughput</c>).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Runs the mailboxes; null means <see cref="ThreadPoolDispatcher"/>. TestKit supplies a deterministic one.</summary>
    public Dispatcher? Dispatcher { get; init; }

    /// <summary>Timeout of <c>Ask</c> when the caller gives none.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How <c>/user</c> supervises top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.DefaultStrategy;

    /// <summary>Log each dead letter at Debug (they are always counted and published).</summary>
    public bool LogDeadLetters { get; init; } = true;

    /// <summary>How long a host waits for <see cref="ActorSystem.WhenTerminated"/> before giving up (<c>actors.stop-timeout</c>).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads the <c>actors</c> section of the configuration (<c>throughput</c>, <c>ask-timeout</c>,
    /// <c>log-dead-letters</c>, <c>dispatcher</c>, <c>stop-timeout</c>) over <paramref name="defaults"/>.
    /// Pass the section itself: <c>FromConfiguration(config.GetSection("actors"))</c>.
    /// </summary>
    /// <exception cref="FormatException">A value is malformed; the message names the key and the value.</exception>
    public static ActorSystemSettings FromConfiguration(IConfiguration actorsSection, ActorSystemSettings? defaults = null) =>
        SettingsReader.Read(actorsSection, defaults ?? Default);

    internal void Validate()
    {
        if (Throughput < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Throughput), Throughput, "actors.throughput must be at least 1");
        }

        if (StopTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StopTimeout), StopTimeout, "actors.stop-timeout must be positive");
        }

        if (AskTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AskTimeout), AskTimeout, "actors.ask-timeout must be positive");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);
        ArgumentNullException.ThrowIfNull(GuardianSupervisorStrategy);
    }
}
