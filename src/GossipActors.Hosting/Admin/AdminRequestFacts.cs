using System.Net;

namespace GossipActors.Hosting.Admin;

/// <summary>What the access rules look at in one request; the values as the client sent them (null when absent).</summary>
/// <param name="Local">The address the connection arrived on (one of the node's own).</param>
internal sealed record AdminRequestFacts(
    string Method,
    string Path,
    string? Host,
    string? Origin,
    string? Authorization,
    string? ContentType,
    long? ContentLength,
    IPAddress? Client,
    IPAddress? Local)
{
    /// <summary>Everything but GET and HEAD: those are the requests that may change the node.</summary>
    public bool IsMutation => !HttpMethodsThatOnlyRead.Contains(Method);

    private static readonly HashSet<string> HttpMethodsThatOnlyRead = new(StringComparer.OrdinalIgnoreCase) { "GET", "HEAD" };
}
