namespace GossipActors.Hosting.Tests;

/// <summary>Polls a condition under a generous deadline (real sockets, real time): never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        T last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{what} did not happen within {(deadline ?? DefaultDeadline).TotalSeconds:0} s; last observation: {last}");
            }

            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            await tick.WaitForNextTickAsync();
            last = await probe();
        }

        return last;
    }
}
