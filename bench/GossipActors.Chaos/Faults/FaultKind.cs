namespace GossipActors.Chaos.Faults;

public enum FaultKind
{
    /// <summary>SIGKILL, then a restart with the same data directory.</summary>
    KillAndRestart,

    /// <summary>SIGSTOP, then SIGCONT 1–20 s later.</summary>
    Pause,

    /// <summary>SIGTERM (a clean stop), then a start with the same data directory.</summary>
    StopAndStart,

    /// <summary>One node decommissioned (it leaves for good) and a fresh node joining.</summary>
    DecommissionAndJoin,

    /// <summary>Packets to and from one node dropped at random (nftables).</summary>
    PacketLoss,

    /// <summary>Packets to one node delayed (tc netem, where the kernel has sch_netem).</summary>
    Delay,

    /// <summary>The cluster cut into two sides, nothing crossing, then healed.</summary>
    Partition,

    /// <summary>Two sides where A hears B but B does not hear A, then healed.</summary>
    OneWayPartition,
}
