using GossipActors.Actors;
using GossipActors.Actors.Internal;
using Xunit;

namespace GossipActors.TestKit;

/// <summary>
/// An actor the test controls: send to it (it is an <see cref="IActorRef"/>), then assert on what
/// it received. Expectations consume messages in arrival order. In deterministic mode waiting
/// runs the system until idle and, if needed, moves virtual time up to the timeout.
/// </summary>
public class TestProbe : IActorRef, IActorRefWrapper
{
    private readonly TestEnvironment _environment;
    private readonly ProbeQueue _queue;

    internal TestProbe(TestEnvironment environment, string name)
    {
        _environment = environment;
        _queue = new ProbeQueue();
        var queue = _queue;
        Ref = environment.System.SystemActorOf(Props.Create(() => new ProbeActor(queue)), name);
        _environment.Pump();
    }

    /// <summary>The probe's own ref.</summary>
    public IActorRef Ref { get; }

    public ActorPath Path => Ref.Path;

    IActorRef IActorRefWrapper.Underlying => Ref;

    /// <summary>Sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.NoSender;

    /// <summary>The last message taken by an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>Messages received and not yet taken (after running the system until idle).</summary>
    public int QueuedCount
    {
        get
        {
            _environment.Pump();
            return _queue.Count;
        }
    }

    public void Tell(object message, IActorRef? sender = null) => Ref.Tell(message, sender);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Replies to <see cref="LastSender"/> with this probe as sender.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Passes the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target) =>
        target.Tell(LastMessage ?? throw new InvalidOperationException($"Probe [{Path}] has received nothing to forward"), LastSender);

    /// <summary>Makes this probe receive <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    public IActorRef Watch(IActorRef subject)
    {
        Ref.Tell(new WatchRequest(subject), ActorRefs.NoSender);
        _environment.Pump();
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        Ref.Tell(new UnwatchRequest(subject), ActorRefs.NoSender);
        _environment.Pump();
        return subject;
    }

    /// <summary>Takes the next message, which must be a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null)
    {
        var wait = _environment.RemainingOrDefault(timeout);
        var (message, sender) = Take(wait, $"a message of type {typeof(T).Name}");
        if (message is not T typed)
        {
            Assert.Fail($"Probe [{Path}] expected a message of type {typeof(T).Name} but got {Describe(message, sender)}");
            throw new InvalidOperationException("unreachable");
        }

        if (predicate is not null && !predicate(typed))
        {
            Assert.Fail($"Probe [{Path}] got {Describe(message, sender)}, which does not match the expected condition");
        }

        return typed;
    }

    /// <summary>Takes the next message, which must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var wait = _environment.RemainingOrDefault(timeout);
        var (message, sender) = Take(wait, $"{expected}");
        if (!Equals(message, expected))
        {
            Assert.Fail($"Probe [{Path}] expected {expected} ({expected?.GetType().Name}) but got {Describe(message, sender)}");
        }

        return (T)message;
    }

    /// <summary>Asserts nothing arrives for <paramref name="duration"/> (virtual time passes when deterministic).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = _environment.RemainingOrDefault(duration);
        _environment.Pump();
        if (!_queue.TryPeek(out _))
        {
            if (_environment.Deterministic)
            {
                _environment.Pass(wait);
            }
            else
            {
                _environment.WaitFor(() => _queue.Count > 0, wait, _queue.Signal);
            }
        }

        if (_queue.TryTake(out var item))
        {
            Remember(item);
            Assert.Fail($"Probe [{Path}] expected no message for {TestEnvironment.Format(wait)} but got {Describe(item.Message, item.Sender)}");
        }
    }

    /// <summary>Takes the next message, which must be the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        var wait = _environment.RemainingOrDefault(timeout);
        var (message, sender) = Take(wait, $"Terminated of [{target.Path}]");
        if (message is not Terminated terminated || !terminated.ActorRef.Equals(target))
        {
            Assert.Fail($"Probe [{Path}] expected Terminated of [{target.Path}] but got {Describe(message, sender)}");
            throw new InvalidOperationException("unreachable");
        }

        return terminated;
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? max = null, string hint = "")
        => FishForMessage<object>(isTheOne, max, hint);

    /// <summary>Skips messages until a <typeparamref name="T"/> satisfies <paramref name="isTheOne"/>, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? max = null, string hint = "")
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var wait = _environment.RemainingOrDefault(max);
        var end = _environment.Now + wait;
        var skipped = new List<string>();
        while (true)
        {
            var left = end - _environment.Now;
            if (!_environment.WaitFor(() => _queue.Count > 0, left > TimeSpan.Zero ? left : TimeSpan.Zero, _queue.Signal))
            {
                Assert.Fail(
                    $"Probe [{Path}] fished for {(hint.Length > 0 ? hint : typeof(T).Name)} for {TestEnvironment.Format(wait)} ({_environment.ClockName}) " +
                    $"without a match; skipped: [{string.Join(", ", skipped)}]");
            }

            _queue.TryTake(out var item);
            Remember(item);
            if (item.Message is T typed && isTheOne(typed))
            {
                return typed;
            }

            skipped.Add(Describe(item.Message, item.Sender));
        }
    }

    /// <summary>Takes exactly <paramref name="count"/> messages of any type.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var wait = _environment.RemainingOrDefault(max);
        if (!_environment.WaitFor(() => _queue.Count >= count, wait, _queue.Signal))
        {
            Assert.Fail($"Probe [{Path}] expected {count} messages within {TestEnvironment.Format(wait)} ({_environment.ClockName}) but got {_queue.Count}");
        }

        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            _queue.TryTake(out var item);
            Remember(item);
            messages.Add(item.Message);
        }

        return messages;
    }

    /// <summary>Takes the next message of any type.</summary>
    public object ReceiveOne(TimeSpan? timeout = null) => Take(_environment.RemainingOrDefault(timeout), "any message").Message;

    /// <summary>Runs <paramref name="body"/> and fails unless it took at most <paramref name="max"/>; inner expectations default to the time left.</summary>
    public void Within(TimeSpan max, Action body) => _environment.Within(TimeSpan.Zero, max, () =>
    {
        body();
        return true;
    });

    public T Within<T>(TimeSpan max, Func<T> body) => _environment.Within(TimeSpan.Zero, max, body);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> body) => _environment.Within(min, max, body);

    /// <summary>Re-runs <paramref name="assertion"/> until it passes, letting time move by <paramref name="interval"/> between tries.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var wait = _environment.RemainingOrDefault(duration);
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        var end = _environment.Now + wait;
        while (true)
        {
            _environment.Pump();
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (_environment.Now < end)
            {
                var left = end - _environment.Now;
                _environment.Pass(left < step ? left : step, _queue.Signal);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = _environment.RemainingOrDefault(max);
        if (!_environment.WaitFor(condition, wait, _queue.Signal))
        {
            Assert.Fail($"Condition not met within {TestEnvironment.Format(wait)} ({_environment.ClockName}){(message is null ? "" : ": " + message)}");
        }
    }

    public bool Equals(IActorRef? other) => Ref.Equals(other);

    public override bool Equals(object? obj) => obj is IActorRef other && Ref.Equals(other);

    public override int GetHashCode() => Ref.GetHashCode();

    public override string ToString() => $"TestProbe({Path})";

    private (object Message, IActorRef Sender) Take(TimeSpan wait, string what)
    {
        if (!_environment.WaitFor(() => _queue.Count > 0, wait, _queue.Signal))
        {
            Assert.Fail($"Probe [{Path}] timed out after {TestEnvironment.Format(wait)} ({_environment.ClockName}) waiting for {what}; nothing arrived");
        }

        _queue.TryTake(out var item);
        Remember(item);
        return item;
    }

    private void Remember((object Message, IActorRef Sender) item)
    {
        LastMessage = item.Message;
        LastSender = item.Sender;
    }

    private static string Describe(object message, IActorRef sender) =>
        $"{message} ({message.GetType().Name}) from [{sender.Path}]";
}
