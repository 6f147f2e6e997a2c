using System.Collections.Concurrent;

namespace GossipActors.Actors.Internal;

/// <summary>
/// One actor's queues and its run state. Any thread may post; at most one thread runs the mailbox
/// at a time (the Scheduled bit), and a run handles all system messages before each user message
/// and at most <c>throughput</c> user messages before yielding the thread.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;
    private const int Closed = 2;

    // Created on the first user message: many actors (idle children, probes) never get one, and
    // an empty queue still costs about 0.9 KB for its first segment.
    private ConcurrentQueue<Envelope>? _userQueue;
    private readonly ActorCell _cell;
    private readonly Dispatcher _dispatcher;
    private readonly int _throughput;
    private SystemMessage? _systemStack;
    private int _status;

    public Mailbox(ActorCell cell, Dispatcher dispatcher, int throughput)
    {
        _cell = cell;
        _dispatcher = dispatcher;
        _throughput = throughput;
    }

    public int UserQueueDepth => Volatile.Read(ref _userQueue)?.Count ?? 0;

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;

    public void Post(object message, IActorRef? sender)
    {
        (Volatile.Read(ref _userQueue) ?? CreateUserQueue()).Enqueue(new Envelope(message, sender));
        var status = Volatile.Read(ref _status);
        if (status == Idle)
        {
            TrySchedule();
        }
        else if ((status & Closed) != 0)
        {
            // Raced with the actor stopping: whatever is left goes to dead letters.
            DrainToDeadLetters();
        }
    }

    public void PostSystem(SystemMessage message)
    {
        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemStack);
            message.Next = head;
        }
        while (Interlocked.CompareExchange(ref _systemStack, message, head) != head);

        var status = Volatile.Read(ref _status);
        if (status == Idle)
        {
            TrySchedule();
        }
        else if ((status & Closed) != 0)
        {
            ProcessSystemMessages();
        }
    }

    /// <summary>Marks the mailbox closed for good: it is never scheduled again.</summary>
    public void Close()
    {
        int status;
        do
        {
            status = Volatile.Read(ref _status);
        }
        while (Interlocked.CompareExchange(ref _status, status | Closed, status) != status);
    }

    public void DrainToDeadLetters()
    {
        var queue = Volatile.Read(ref _userQueue);
        while (queue is not null && queue.TryDequeue(out var envelope))
        {
            _cell.System.RecordDeadLetter(envelope.Message, envelope.Sender ?? ActorRefs.NoSender, _cell.Self);
        }
    }

    public void Execute()
    {
        try
        {
            ProcessSystemMessages();
            ProcessUserMessages();
        }
        catch (Exception ex)
        {
            // Actor code never throws out of the cell; this guards the thread against kernel faults.
            _cell.System.LogKernelFault(ex, _cell.Self);
        }
        finally
        {
            Interlocked.CompareExchange(ref _status, Idle, Scheduled);
            if (HasWork() && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            {
                _dispatcher.Yield(this);
            }
        }
    }

    private bool HasWork() =>
        Volatile.Read(ref _systemStack) is not null
        || (_cell.CanProcessUserMessages && Volatile.Read(ref _userQueue) is { IsEmpty: false });

    private ConcurrentQueue<Envelope> CreateUserQueue()
    {
        var created = new ConcurrentQueue<Envelope>();
        return Interlocked.CompareExchange(ref _userQueue, created, null) ?? created;
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
        {
            _dispatcher.Schedule(this);
        }
    }

    private void ProcessUserMessages()
    {
        var queue = Volatile.Read(ref _userQueue);
        if (queue is null)
        {
            return;
        }

        var left = _throughput;
        while (_cell.CanProcessUserMessages && queue.TryDequeue(out var envelope))
        {
            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemStack) is not null)
            {
                ProcessSystemMessages();
            }

            if (--left == 0)
            {
                return;
            }
        }
    }

    /// <summary>Takes every queued system message, oldest first, until none are left.</summary>
    private void ProcessSystemMessages()
    {
        while (Volatile.Read(ref _systemStack) is not null)
        {
            var taken = Interlocked.Exchange(ref _systemStack, null);
            SystemMessage? inOrder = null;
            while (taken is not null)
            {
                var next = taken.Next;
                taken.Next = inOrder;
                inOrder = taken;
                taken = next;
            }

            while (inOrder is not null)
            {
                var current = inOrder;
                inOrder = current.Next;
                current.Next = null;
                _cell.SystemInvoke(current);
            }
        }
    }
}
