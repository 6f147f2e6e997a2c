namespace GossipActors.AdminClient.Contract;

/// <summary>
/// The admin endpoint's routes. The node maps exactly these; gossipctl and LocalCluster call exactly
/// these, so a route renamed on one side fails to compile on the other.
/// </summary>
public static class AdminRoutes
{
    public const string Status = "/status";
    public const string GossipInfo = "/gossipinfo";
    public const string FailureDetector = "/failuredetector";
    public const string DescribeCluster = "/describecluster";
    public const string TpStats = "/tpstats";
    public const string Health = "/health";
    public const string Metrics = "/metrics";
    public const string Events = "/events";
    public const string Info = "/info";
    public const string Histograms = "/histograms";

    /// <summary>The live dashboard: one HTML page, no external resource, that reads the routes above.</summary>
    public const string Dashboard = "/dashboard";

    public const string SetPhi = "/setphi";
    public const string Assassinate = "/assassinate";
    public const string Decommission = "/decommission";

    /// <summary>Default admin address: loopback only, on Cassandra's JMX port so muscle memory works.</summary>
    public const string DefaultAdminAddress = "127.0.0.1:7199";
}
