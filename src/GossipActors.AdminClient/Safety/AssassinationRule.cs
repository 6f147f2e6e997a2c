namespace GossipActors.AdminClient.Safety;

/// <summary>The rules that can refuse an assassination; <c>--force</c> overrides either.</summary>
public enum AssassinationRule
{
    /// <summary>The target is UP, its STATUS is not a dead state and its phi is at or below 7.5: it is alive.</summary>
    TargetAlive,

    /// <summary>More than 20 % of the live peers other than the target have phi above 7.5.</summary>
    ClusterStability,
}
