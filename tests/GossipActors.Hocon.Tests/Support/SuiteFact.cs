using Xunit.Abstractions;

namespace GossipActors.Hocon.Tests.Support;

/// <summary>Base for tests over suite files: resolves a resource path, or reports the suite missing.</summary>
public abstract class SuiteTestBase
{
    protected SuiteTestBase(ITestOutputHelper output)
    {
        Output = output;
    }

    protected ITestOutputHelper Output { get; }

    /// <summary>The full path of a file under config/src/test/resources; the suite attributes skip a test when it is absent.</summary>
    protected static string Resource(string relative) =>
        Path.Combine(SharedSuite.Resources ?? throw new InvalidOperationException(SharedSuite.MissingReason), relative);
}
