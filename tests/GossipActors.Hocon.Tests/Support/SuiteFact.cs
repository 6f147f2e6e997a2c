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

    /// <summary>The full path of a file under config/src/test/resources, or null (and a logged reason) when absent.</summary>
    protected string? Resource(string relative)
    {
        if (SharedSuite.Resources is null)
        {
            Output.WriteLine(SharedSuite.MissingReason);
            return null;
        }

        return Path.Combine(SharedSuite.Resources, relative);
    }
}
