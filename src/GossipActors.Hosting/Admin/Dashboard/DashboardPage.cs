using Microsoft.AspNetCore.Http;

namespace GossipActors.Hosting.Admin.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: one self-contained HTML page (its script and style inline, no CDN, no build step) embedded in
/// this assembly. It polls <c>/status</c>, <c>/failuredetector</c> and <c>/events</c> every second and keeps the phi
/// history itself, so the node holds no state for it.
/// </summary>
internal static class DashboardPage
{
    private const string ResourceName = "GossipActors.Hosting.Admin.Dashboard.dashboard.html";

    private static readonly Lazy<byte[]> Html = new(() =>
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the dashboard page is missing from the assembly (resource {ResourceName})");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve() => Results.Bytes(Html.Value, "text/html; charset=utf-8");
}
