using Xunit;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// A test that needs network namespaces: reported as skipped, with the reason, where <c>ip netns</c> cannot be
/// used (not root, not Linux, iproute2 or nftables missing), instead of passing without having run.
/// </summary>
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute()
    {
        var reason = MtuLab.UnavailableReason();
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}
