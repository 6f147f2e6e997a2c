using GossipActors.Actors;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GossipActors.TestKit;

/// <summary>How a <see cref="TestKit"/> builds its system. The defaults give a deterministic, virtual-time system.</summary>
public sealed record TestKitOptions
{
    public static readonly TestKitOptions Default = new();

    /// <summary>Seeds the deterministic dispatcher's choice among ready actors.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// True (default): one thread, seeded order, virtual time; waiting means running until idle.
    /// False: the thread pool runs the actors and expectations wait on the wall clock.
    /// </summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>With <see cref="Deterministic"/> false: use the real clock instead of virtual time.</summary>
    public bool RealTime { get; init; }

    public string SystemName { get; init; } = "test";

    /// <summary>Timeout of expectations that are given none (virtual time when deterministic).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Virtual time at the start.</summary>
    public DateTimeOffset StartTime { get; init; } = VirtualTimeProvider.DefaultStart;

    /// <summary>Adjusts the system settings after the TestKit filled in clock, dispatcher and logging.</summary>
    public Func<ActorSystemSettings, ActorSystemSettings>? ConfigureSettings { get; init; }

    /// <summary>When set, kernel and actor logs go to the test's output.</summary>
    public ITestOutputHelper? Output { get; init; }

    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Information;
}
