namespace GossipActors.Actors;

/// <summary>A behavior of an <see cref="UntypedActor"/>: handles everything it is given.</summary>
public delegate void UntypedReceive(object message);

/// <summary>An actor with one <see cref="OnReceive"/> method; call <see cref="ActorBase.Unhandled"/> for what it ignores.</summary>
public abstract class UntypedActor : ActorBase
{
    protected abstract void OnReceive(object message);

    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected void Become(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Context.Become(message =>
        {
            receive(message);
            return true;
        });
    }
}
