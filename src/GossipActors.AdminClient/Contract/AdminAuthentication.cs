namespace GossipActors.AdminClient.Contract;

/// <summary>
/// How a request proves it comes from the operator when the node has an admin token (<c>admin.token</c>): the node
/// and gossipctl both name the same header and environment variable from here.
/// </summary>
public static class AdminAuthentication
{
    /// <summary>The authorization scheme: <c>Authorization: Bearer TOKEN</c>.</summary>
    public const string Scheme = "Bearer";

    /// <summary>
    /// Read by reference.conf (<c>admin.token = ${?GOSSIP_ADMIN_TOKEN}</c>) on the node and by gossipctl, so one
    /// variable set on an operator's machine serves both.
    /// </summary>
    public const string TokenEnvironmentVariable = "GOSSIP_ADMIN_TOKEN";

    /// <summary>The only media type mutations accept: a browser cannot send it cross-site without a CORS preflight.</summary>
    public const string JsonMediaType = "application/json";
}
