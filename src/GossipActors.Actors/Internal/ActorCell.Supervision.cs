using Microsoft.Extensions.Logging;

namespace GossipActors.Actors.Internal;

/// <summary>Reporting our own failures upward and deciding about our children's.</summary>
internal sealed partial class ActorCell
{
    private SupervisorStrategy? _strategy;
    private List<LocalActorRef>? _escalatedChildren;

    private SupervisorStrategy CurrentSupervisorStrategy =>
        _props.SupervisorStrategy ?? (_strategy ??= _actor?.SupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy);

    /// <summary>
    /// The actor threw: stop taking user messages and let the parent decide. The failing message is
    /// kept for <c>PreRestart</c>; the rest of the queue stays for the next incarnation.
    /// </summary>
    private void HandleInvokeFailure(Exception cause)
    {
        _failed++;
        if (_terminating)
        {
            Log.LogError(cause, "[{Path}] failed while stopping; the failure is ignored", Self.Path);
            return;
        }

        _suspended = true;
        _failedMessage = _currentMessage;
        if (_parent is not null)
        {
            _parent.Mailbox.PostSystem(new Failed(Self, Self.Uid, cause));
        }
        else
        {
            // A guardian has nobody above it; it only fails by escalation, and it keeps going.
            Log.LogCritical(cause, "Guardian [{Path}] received an escalated failure; it continues", Self.Path);
            _suspended = false;
            _failedMessage = null;
        }
    }

    private void HandleChildFailure(Failed failed)
    {
        var entry = FindChild(failed.Child);
        if (entry is null || entry.Stopping || entry.Ref.Uid != failed.ChildUid)
        {
            return;
        }

        var strategy = CurrentSupervisorStrategy;
        var cause = failed.Cause;
        Directive directive;
        try
        {
            directive = strategy.Decider(cause);
        }
        catch (Exception deciderFault)
        {
            Log.LogError(deciderFault, "Supervisor decider of [{Path}] threw; escalating", Self.Path);
            directive = Directive.Escalate;
        }

        if (directive == Directive.Escalate && _parent is null)
        {
            directive = Directive.Stop;
        }

        var child = entry.Ref;
        switch (directive)
        {
            case Directive.Resume:
                LogFailure(child, cause, directive, LogLevel.Warning);
                child.SendSystemMessage(new Resume());
                break;
            case Directive.Restart:
                entry.Restarts ??= new RestartStatistics();
                if (entry.Restarts.RequestRestartPermission(strategy.MaxNrOfRetries, strategy.WithinTimeRange, System.TimeProvider))
                {
                    LogFailure(child, cause, directive, LogLevel.Error);
                    foreach (var target in Targets(strategy, child))
                    {
                        target.SendSystemMessage(new Recreate(cause));
                    }
                }
                else
                {
                    child.Cell.Log.LogError(
                        cause,
                        "[{Path}] failed and exceeded {MaxRetries} restarts within {Window}; supervisor [{Supervisor}] stops it",
                        child.Path,
                        strategy.MaxNrOfRetries,
                        strategy.WithinTimeRange?.ToString() ?? "unbounded time",
                        Self.Path);
                    foreach (var target in Targets(strategy, child))
                    {
                        StopChild(target);
                    }
                }

                break;
            case Directive.Stop:
                LogFailure(child, cause, directive, LogLevel.Error);
                foreach (var target in Targets(strategy, child))
                {
                    StopChild(target);
                }

                break;
            default:
                (_escalatedChildren ??= []).Add(child);
                _currentMessage = null;
                HandleInvokeFailure(cause);
                break;
        }
    }

    private IEnumerable<LocalActorRef> Targets(SupervisorStrategy strategy, LocalActorRef failedChild) =>
        strategy.AppliesToAllChildren ? ChildrenSnapshot() : [failedChild];

    private void LogFailure(LocalActorRef child, Exception cause, Directive directive, LogLevel level)
    {
        var log = child.Cell.Log;
        if (log.IsEnabled(level))
        {
            log.Log(
                level,
                cause,
                "[{Path}] failed with {ExceptionType}: {Reason}; supervisor [{Supervisor}] decided {Directive}",
                child.Path,
                cause.GetType().Name,
                cause.Message,
                Self.Path,
                directive);
        }
    }

    private void ResumeEscalatedChildren()
    {
        if (_escalatedChildren is null)
        {
            return;
        }

        foreach (var child in _escalatedChildren)
        {
            child.SendSystemMessage(new Resume());
        }

        _escalatedChildren = null;
    }
}
