using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class FloodMemoryReleaseTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    [Fact]
    public void Releases_once_after_a_flood_has_been_quiet_for_the_quiet_period()
    {
        var release = new FloodMemoryRelease(threshold: 100, Quiet);
        Assert.False(release.ShouldRelease(10, 0, out _));
        Assert.False(release.ShouldRelease(60, 1_000, out _));
        Assert.False(release.ShouldRelease(150, 2_000, out _));
        Assert.False(release.ShouldRelease(150, 6_999, out _));
        Assert.True(release.ShouldRelease(150, 7_000, out var flood));
        Assert.Equal(140, flood);
        Assert.False(release.ShouldRelease(150, 60_000, out _));
    }

    [Fact]
    public void A_flood_in_waves_is_released_at_its_end_not_between_waves()
    {
        var release = new FloodMemoryRelease(threshold: 100, Quiet);
        release.ShouldRelease(0, 0, out _);
        Assert.False(release.ShouldRelease(500, 1_000, out _));
        Assert.False(release.ShouldRelease(500, 4_000, out _));
        Assert.False(release.ShouldRelease(900, 5_000, out _));
        Assert.False(release.ShouldRelease(900, 9_999, out _));
        Assert.True(release.ShouldRelease(900, 10_000, out var flood));
        Assert.Equal(900, flood);
    }

    [Fact]
    public void Fewer_closes_than_the_threshold_never_release_and_neither_does_a_threshold_of_zero()
    {
        var few = new FloodMemoryRelease(threshold: 100, Quiet);
        few.ShouldRelease(0, 0, out _);
        few.ShouldRelease(99, 1_000, out _);
        Assert.False(few.ShouldRelease(99, 3_600_000, out _));

        var never = new FloodMemoryRelease(threshold: 0, Quiet);
        never.ShouldRelease(0, 0, out _);
        never.ShouldRelease(10_000, 1_000, out _);
        Assert.False(never.ShouldRelease(10_000, 3_600_000, out _));
    }

    [Fact]
    public void What_came_before_the_first_look_is_not_counted_as_a_flood()
    {
        var release = new FloodMemoryRelease(threshold: 100, Quiet);
        Assert.False(release.ShouldRelease(5_000, 0, out _));
        Assert.False(release.ShouldRelease(5_000, 3_600_000, out _));
    }
}
