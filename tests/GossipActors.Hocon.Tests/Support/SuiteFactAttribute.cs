namespace GossipActors.Hocon.Tests.Support;

/// <summary>A fact over ../shared/hocon-suite: reported as skipped, with the reason, where the suite is absent.</summary>
public sealed class SuiteFactAttribute : FactAttribute
{
    public SuiteFactAttribute()
    {
        if (SharedSuite.Resources is null)
        {
            Skip = SharedSuite.MissingReason;
        }
    }
}

/// <summary>A theory over ../shared/hocon-suite: reported as skipped, with the reason, where the suite is absent.</summary>
public sealed class SuiteTheoryAttribute : TheoryAttribute
{
    public SuiteTheoryAttribute()
    {
        if (SharedSuite.Resources is null)
        {
            Skip = SharedSuite.MissingReason;
        }
    }
}
