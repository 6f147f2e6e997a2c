using GossipActors.Integration.Tests.Processes;
using Xunit;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// A test that opens thousands of connections to a node: the open-file limit is raised for this process and the
/// nodes it starts, and the test is reported skipped, with the reason, where it cannot be.
/// </summary>
public sealed class HostileLoadFactAttribute : FactAttribute
{
    public const ulong OpenFilesNeeded = 8192;

    public HostileLoadFactAttribute()
    {
        var reason = OpenFileLimit.Ensure(OpenFilesNeeded);
        if (reason is not null)
        {
            Skip = reason;
        }
    }
}
