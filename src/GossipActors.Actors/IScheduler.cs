namespace GossipActors.Actors;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}

/// <summary>
/// Sends messages or runs actions later, on the system's <see cref="TimeProvider"/> (virtual time
/// in tests). Inside actors prefer <see cref="ITimerScheduler"/>, which is cancelled on restart and stop.
/// </summary>
public interface IScheduler
{
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null);

    /// <summary>Runs <paramref name="action"/> on a timer thread; it must not touch actor state.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}

/// <summary>
/// An actor's keyed timers. Starting a timer with a key in use replaces it; a message of a
/// cancelled or replaced timer is never delivered, even if it was already queued.
/// Use only from the actor's own thread.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
