using Xunit;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Tests that run node processes on loopback share the machine's two cores: one at a time among themselves
/// (the network-namespace collection may run beside them).
/// </summary>
[CollectionDefinition(Name)]
public sealed class MultiProcessCollection
{
    public const string Name = "node processes on loopback";
}
