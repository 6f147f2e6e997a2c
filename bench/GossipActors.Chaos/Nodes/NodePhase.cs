namespace GossipActors.Chaos.Nodes;

/// <summary>Where a node is in its life, as the runner made it: only the runner moves a node between phases.</summary>
public enum NodePhase
{
    NotStarted,
    Running,
    Frozen,

    /// <summary>Killed or stopped by the runner, to be started again with the same data directory.</summary>
    Down,

    /// <summary>Left the cluster for good (decommissioned); its data directory refuses a restart.</summary>
    Left,

    /// <summary>Exited without the runner asking: an invariant is broken.</summary>
    Crashed,
}
