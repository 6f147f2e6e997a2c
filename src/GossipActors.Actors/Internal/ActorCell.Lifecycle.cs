using Microsoft.Extensions.Logging;

namespace GossipActors.Actors.Internal;

/// <summary>Creation, restart and child-first stop of the actor instance.</summary>
internal sealed partial class ActorCell
{
    private volatile bool _terminating;
    private volatile bool _terminated;
    private bool _suspended;
    private object? _failedMessage;
    private Exception? _pendingRecreateCause;

    internal bool IsTerminated => _terminated;

    private ActorBase NewActor()
    {
        // ActorBase's constructor picks the cell up from t_current, which SystemInvoke has set.
        var actor = _props.NewActor();
        actor.OnConstructed();
        return actor;
    }

    private void CreateActor()
    {
        _currentMessage = null;
        _currentSender = null;
        try
        {
            _actor = NewActor();
            _actor.PreStart();
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(InitializationFailure(ex));
        }
    }

    private ActorInitializationException InitializationFailure(Exception cause) =>
        cause as ActorInitializationException
        ?? new ActorInitializationException(
            Self,
            $"Actor [{Self.Path}] of type [{_props.ActorType.Name}] failed to start: {cause.GetType().Name}: {cause.Message}",
            cause);

    private void BeginRecreate(Exception cause)
    {
        if (_terminating)
        {
            return;
        }

        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.PreRestart(cause, _failedMessage);
            }
            catch (Exception ex)
            {
                Log.LogError(ex, "PreRestart of [{Path}] threw; restarting anyway", Self.Path);
            }
        }

        _timers?.CancelAll();
        CancelReceiveTimeout();
        _behaviors = null;
        _awaitedTask = null;
        _actor = null;
        _strategy = null;

        // The old instance stopped its children in PreRestart; their names are taken until they are gone.
        if (HasStoppingChildren)
        {
            _pendingRecreateCause = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreateCause = null;
        _currentMessage = null;
        _currentSender = null;
        try
        {
            _actor = NewActor();
            _suspended = false;
            _failedMessage = null;
            _actor.PostRestart(cause);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(InitializationFailure(ex));
        }
    }

    private void ResumeAfterFailure()
    {
        if (_pendingRecreateCause is not null)
        {
            // A restart is already under way; it resumes the actor when it finishes.
            return;
        }

        if (_actor is null)
        {
            // Nothing to resume: the instance never came up. Stopping is the only sane outcome.
            BeginTerminate();
            return;
        }

        _suspended = false;
        _failedMessage = null;
        ResumeEscalatedChildren();
    }

    private void BeginTerminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        StopAllChildren();
        if (!HasChildren)
        {
            FinishTerminate();
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.PostStop();
            }
            catch (Exception ex)
            {
                Log.LogError(ex, "PostStop of [{Path}] threw", Self.Path);
            }
        }

        StopWatchingOthers();
        _terminated = true;
        _mailbox.Close();
        _mailbox.DrainToDeadLetters();
        NotifyWatchers();
        if (_subscribedToEvents)
        {
            System.EventStream.Unsubscribe(Self);
        }

        _actor = null;
        _behaviors = null;
        _awaitedTask = null;
        _currentMessage = null;
        _currentSender = null;
        if (_parent is not null)
        {
            _parent.Mailbox.PostSystem(new ChildTerminated(Self));
        }
        else
        {
            System.OnGuardianTerminated(this);
        }
    }
}
