using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.TestKit;

/// <summary>
/// Akka.TestKit.Xunit2's TestKit on a <see cref="DeterministicWorld"/>: <see cref="TestKitBase.Sys"/> is the
/// world's first system, and the expectations below pump the run queue and move virtual time instead of blocking
/// on the wall clock, where nobody would run the actors. Akka's other expectations still work once the
/// message is there: pump first (<see cref="RunUntilIdle"/>), then call them with a zero timeout.
/// </summary>
public abstract class DeterministicTestKit : global::Akka.TestKit.Xunit2.TestKit
{
    protected DeterministicTestKit(int seed = 0, Config? config = null, ITestOutputHelper? output = null)
        : this(new DeterministicWorld(seed), config, output)
    {
    }

    private DeterministicTestKit(DeterministicWorld world, Config? config, ITestOutputHelper? output)
        : base(world.CreateSystem("test", config is null ? DefaultConfig : config.WithFallback(DefaultConfig)), output)
    {
        World = world;
    }

    public DeterministicWorld World { get; }

    /// <summary>The world's clock: <c>Time.Advance(...)</c> fires every timer due on the way.</summary>
    public VirtualClock Time => World.Time;

    public void RunUntilIdle() => World.RunUntilIdle();

    /// <summary>A top-level actor on <see cref="DeterministicWorld.DispatcherId"/>, started before this returns.</summary>
    public new IActorRef ActorOf(Props props, string name) => World.ActorOf(Sys, props, name);

    public new IActorRef ActorOf(Props props) => World.ActorOf(Sys, props);

    /// <summary>A probe in <see cref="TestKitBase.Sys"/> whose expectations pump this world.</summary>
    public new DeterministicProbe CreateTestProbe(string? name = null) => new(World, Sys, Assertions, name);

    /// <summary>A probe in another system of the world, whose expectations pump the world.</summary>
    public new DeterministicProbe CreateTestProbe(ActorSystem system, string? name = null) => new(World, system, Assertions, name);

    public T ExpectMsg<T>(TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg<T>(World, this, timeout);

    public T ExpectMsg<T>(T message, TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg(World, this, message, timeout);

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg(World, this, isMessage, timeout);

    public void ExpectNoMsg(TimeSpan? duration = null) => VirtualExpectations.ExpectNoMsg(World, this, duration);

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null) => VirtualExpectations.ReceiveN(World, this, count, max);

    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "") =>
        VirtualExpectations.FishForMessage(World, this, isMessage, max, hint);

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) =>
        VirtualExpectations.AwaitCondition(World, this, condition, max, message);

    /// <summary>Pumps and moves virtual time until <paramref name="task"/> (an Ask, say) completes; returns its result.</summary>
    public T AwaitResult<T>(Task<T> task, TimeSpan? max = null) => VirtualExpectations.AwaitResult(World, this, task, max);

    /// <summary>Akka's shutdown waits for termination without pumping; the world's pumps until it is done.</summary>
    protected override void Shutdown(ActorSystem system, TimeSpan? duration = null, bool verifySystemShutdown = false)
    {
        if (World.Systems.Contains(system))
        {
            World.Terminate(system);
        }

        base.Shutdown(system, duration, verifySystemShutdown);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            World.Dispose();
        }
    }
}

/// <summary>Akka's TestProbe whose expectations pump its world, so it can wait for actors on the deterministic dispatcher.</summary>
public sealed class DeterministicProbe : TestProbe
{
    private readonly DeterministicWorld _world;

    internal DeterministicProbe(DeterministicWorld world, ActorSystem system, ITestKitAssertions assertions, string? name)
        : base(system, assertions, name)
    {
        _world = world;
    }

    public T ExpectMsg<T>(TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg<T>(_world, this, timeout);

    public T ExpectMsg<T>(T message, TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg(_world, this, message, timeout);

    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null) => VirtualExpectations.ExpectMsg(_world, this, isMessage, timeout);

    public void ExpectNoMsg(TimeSpan? duration = null) => VirtualExpectations.ExpectNoMsg(_world, this, duration);

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null) => VirtualExpectations.ReceiveN(_world, this, count, max);

    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? max = null, string hint = "") =>
        VirtualExpectations.FishForMessage(_world, this, isMessage, max, hint);

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null) =>
        VirtualExpectations.AwaitCondition(_world, this, condition, max, message);
}

/// <summary>
/// Each expectation waits in the world (pump, then timer by timer up to the timeout in virtual time) and only
/// then asks Akka's kit, with a zero timeout, to take and check the message.
/// </summary>
internal static class VirtualExpectations
{
    public static T ExpectMsg<T>(DeterministicWorld world, TestKitBase kit, TimeSpan? timeout)
    {
        AwaitMessage(world, kit, timeout, $"a message of type {typeof(T).Name}");
        return kit.ExpectMsg<T>(TimeSpan.Zero);
    }

    public static T ExpectMsg<T>(DeterministicWorld world, TestKitBase kit, T message, TimeSpan? timeout)
    {
        AwaitMessage(world, kit, timeout, $"{message}");
        return kit.ExpectMsg(message, TimeSpan.Zero);
    }

    public static T ExpectMsg<T>(DeterministicWorld world, TestKitBase kit, Predicate<T> isMessage, TimeSpan? timeout)
    {
        AwaitMessage(world, kit, timeout, $"a matching {typeof(T).Name}");
        return kit.ExpectMsg(isMessage, TimeSpan.Zero);
    }

    public static void ExpectNoMsg(DeterministicWorld world, TestKitBase kit, TimeSpan? duration)
    {
        // Time stops at the first arrival, so a failure reports the virtual instant the message came.
        world.WaitFor(() => kit.HasMessages, duration ?? kit.TestKitSettings.SingleExpectDefault);
        kit.ExpectNoMsg(TimeSpan.Zero);
    }

    public static IReadOnlyList<object> ReceiveN(DeterministicWorld world, TestKitBase kit, int count, TimeSpan? max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var deadline = world.Time.Elapsed + (max ?? kit.TestKitSettings.SingleExpectDefault);
        var received = new List<object>(count);
        while (received.Count < count)
        {
            var left = deadline - world.Time.Elapsed;
            AwaitMessage(world, kit, left > TimeSpan.Zero ? left : TimeSpan.Zero, $"message {received.Count + 1} of {count}");
            received.Add(kit.ReceiveOne(TimeSpan.Zero)!);
        }

        return received;
    }

    public static T FishForMessage<T>(DeterministicWorld world, TestKitBase kit, Predicate<T> isMessage, TimeSpan? max, string hint)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var wait = max ?? kit.TestKitSettings.SingleExpectDefault;
        var deadline = world.Time.Elapsed + wait;
        var skipped = new List<object>();
        while (true)
        {
            var left = deadline - world.Time.Elapsed;
            if (!world.WaitFor(() => kit.HasMessages, left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                Assert.Fail($"{kit.TestActor.Path} fished for {(hint.Length > 0 ? hint : typeof(T).Name)} for {wait} of virtual time ({world.Id}) " +
                    $"without a match; skipped [{string.Join(", ", skipped)}]");
            }

            var message = kit.ReceiveOne(TimeSpan.Zero)!;
            if (message is T typed && isMessage(typed))
            {
                return typed;
            }

            skipped.Add(message);
        }
    }

    public static void AwaitCondition(DeterministicWorld world, TestKitBase kit, Func<bool> condition, TimeSpan? max, string? message)
    {
        var wait = max ?? kit.TestKitSettings.SingleExpectDefault;
        if (!world.WaitFor(condition, wait))
        {
            Assert.Fail($"Condition not met within {wait} of virtual time ({world.Id}){(message is null ? "" : ": " + message)}");
        }
    }

    public static T AwaitResult<T>(DeterministicWorld world, TestKitBase kit, Task<T> task, TimeSpan? max)
    {
        var wait = max ?? kit.TestKitSettings.SingleExpectDefault;
        try
        {
            return world.AwaitResult(task, wait);
        }
        catch (TimeoutException e) when (!task.IsCompleted)
        {
            Assert.Fail(e.Message);
            throw;
        }
    }

    private static void AwaitMessage(DeterministicWorld world, TestKitBase kit, TimeSpan? timeout, string what)
    {
        var wait = timeout ?? kit.TestKitSettings.SingleExpectDefault;
        if (!world.WaitFor(() => kit.HasMessages, wait))
        {
            Assert.Fail($"{kit.TestActor.Path} timed out after {wait} of virtual time ({world.Id}) waiting for {what}; nothing arrived");
        }
    }
}
