namespace GossipActors.Remote.Tests;

/// <summary>Loopback socket tests wait for a condition under a generous deadline, never for a fixed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task<bool> HoldsAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        return true;
    }
}
