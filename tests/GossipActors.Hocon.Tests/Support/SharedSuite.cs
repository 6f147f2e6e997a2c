namespace GossipActors.Hocon.Tests.Support;

/// <summary>
/// Locates the HOCON conformance data. CI checks the repository out with <c>shared</c> beside it; a developer's
/// worktree may sit deeper, so every ancestor of the repository root is tried for a <c>shared</c> sibling.
/// </summary>
internal static class SharedSuite
{
    private static readonly Lazy<string?> SuiteRoot = new(Find);

    /// <summary>The hocon-suite directory, or null when it is not present.</summary>
    public static string? Root => SuiteRoot.Value;

    /// <summary>config/src/test/resources inside the suite, where upstream keeps its test files.</summary>
    public static string? Resources => Root is null ? null : Path.Combine(Root, "config", "src", "test", "resources");

    public static string MissingReason =>
        $"../shared/hocon-suite was not found next to the repository root ({RepositoryRoot ?? "repository root not found"}) or any of its parents; skipping";

    public static string? RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "GossipActors.sln")))
                {
                    return dir.FullName;
                }
            }

            return null;
        }
    }

    private static string? Find()
    {
        var repo = RepositoryRoot;
        if (repo is null)
        {
            return null;
        }

        for (var dir = new DirectoryInfo(repo).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "hocon-suite");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
