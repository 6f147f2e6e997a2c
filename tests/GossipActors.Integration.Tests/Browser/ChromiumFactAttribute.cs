using Xunit;

namespace GossipActors.Integration.Tests.Browser;

/// <summary>
/// A test that drives the system's Chromium (Debian's <c>chromium</c>, which .ci/run installs) through Playwright;
/// reported skipped, with the reason, where it is not installed.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (SystemChromium.Path is null)
        {
            Skip = $"no Chromium found (looked for {string.Join(", ", SystemChromium.Candidates)}); apt-get install -y chromium";
        }
    }
}

/// <summary>Where the distribution's Chromium is; Playwright's own browser download needs the internet.</summary>
public static class SystemChromium
{
    public static IReadOnlyList<string> Candidates { get; } = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    public static string? Path { get; } = Candidates.FirstOrDefault(File.Exists);
}
