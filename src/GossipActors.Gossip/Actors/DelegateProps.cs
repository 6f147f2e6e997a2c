using Akka.Actor;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Props for actors created often, made by a plain delegate. Akka's <c>Props.Create(() =&gt; new T(…))</c> evaluates
/// every constructor argument that is not a bare captured variable (<c>start.Round</c>) by compiling an expression
/// tree: a new dynamic method for the JIT each time. A round actor per gossip round was four JIT compilations a round
/// for the life of the node, most of an idle node's JIT work after start-up (docs/performance.md, "Idle cost of a
/// node", second pass).
/// </summary>
internal static class DelegateProps
{
    public static Props Of<TActor>(Func<TActor> create)
        where TActor : ActorBase => Props.CreateBy(new Producer<TActor>(create));

    private sealed class Producer<TActor>(Func<TActor> create) : IIndirectActorProducer
        where TActor : ActorBase
    {
        public Type ActorType => typeof(TActor);

        public ActorBase Produce() => create();

        public void Release(ActorBase actor)
        {
            // Nothing to release: the actor owns no resources the producer handed it.
        }
    }
}
