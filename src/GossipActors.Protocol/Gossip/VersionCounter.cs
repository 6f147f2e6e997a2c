namespace GossipActors.Protocol.Gossip;

/// <summary>
/// A node's single version counter: the heartbeat and every application state draw from it, so one
/// <c>maxVersion</c> per endpoint orders all of its changes. One instance per node (not per process),
/// which lets a simulation host thousands of nodes in one process.
/// </summary>
public sealed class VersionCounter(int start = 0)
{
    public int Current { get; private set; } = start;

    public int Next()
    {
        if (Current == int.MaxValue - 1)
        {
            throw new InvalidOperationException("the gossip version counter is exhausted; restart the node to begin a new generation");
        }

        return ++Current;
    }
}
