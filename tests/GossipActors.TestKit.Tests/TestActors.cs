using Akka.Actor;
using Akka.Dispatch;

namespace GossipActors.TestKit.Tests;

/// <summary>Starts timers on request; each timer message goes to <c>target</c> stamped with the virtual time it was handled at.</summary>
internal sealed class TimerActor : ReceiveActor, IWithTimers
{
    public TimerActor(IActorRef target)
    {
        Receive<StartSingle>(start => Timers.StartSingleTimer(start.Message, start.Message, start.Delay));
        Receive<StartPeriodic>(start => Timers.StartPeriodicTimer(start.Message, start.Message, start.Interval));
        Receive<string>(message => target.Tell($"{message}@{Context.System.Scheduler.MonotonicClock.TotalSeconds}s"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public sealed record StartSingle(string Message, TimeSpan Delay);

    public sealed record StartPeriodic(string Message, TimeSpan Interval);
}

/// <summary>Answers an Ask only when a timer fires, so the answer needs virtual time to pass.</summary>
internal sealed class SlowResponder : ReceiveActor, IWithTimers
{
    public SlowResponder(TimeSpan delay)
    {
        Receive<string>(question => Timers.StartSingleTimer(question, new Answer(question, Sender), delay));
        Receive<Answer>(answer => answer.To.Tell($"answer to {answer.Question}"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Answer(string Question, IActorRef To);
}

internal sealed class Echo : ReceiveActor
{
    public Echo() => ReceiveAny(message => Sender.Tell(message));
}

/// <summary>Lets a test see what actors did without messaging the test back.</summary>
internal sealed class Counter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}

internal sealed class CountingActor : ReceiveActor
{
    public CountingActor(Counter counter) => ReceiveAny(_ => counter.Increment());
}

internal sealed class ThreadRecorder : ReceiveActor
{
    public ThreadRecorder(List<int> threads) => ReceiveAny(_ => threads.Add(Environment.CurrentManagedThreadId));
}

internal sealed class Runnable(Action action) : IRunnable
{
    public void Run() => action();

    public void Execute() => action();
}
