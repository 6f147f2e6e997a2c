namespace GossipActors.Hosting;

/// <summary>
/// The ActorRegistry key of the gossiper (<c>/system/gossip</c>) that <c>WithGossip</c> starts: inject
/// <c>IRequiredActor&lt;GossiperKey&gt;</c>, or ask <c>registry.GetAsync&lt;GossiperKey&gt;()</c> in an actor starter.
/// </summary>
public sealed class GossiperKey
{
    private GossiperKey()
    {
    }
}
