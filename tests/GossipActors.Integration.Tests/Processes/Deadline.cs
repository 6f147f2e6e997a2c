namespace GossipActors.Integration.Tests.Processes;

/// <summary>Polls a condition until it holds or a generous deadline passes; never waits a fixed time for an outcome.</summary>
public static class Deadline
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Returns the first non-null value <paramref name="probe"/> produces, or null when the deadline passes.</summary>
    public static async Task<T?> PollAsync<T>(TimeSpan deadline, Func<Task<T?>> probe, Func<bool>? giveUp = null)
        where T : class
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            if (DateTime.UtcNow >= until || giveUp?.Invoke() == true)
            {
                return null;
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Polls <paramref name="violation"/> for the whole of <paramref name="duration"/>: null when it never
    /// reported anything, else the first violation (returned at once, without waiting out the rest).
    /// </summary>
    public static async Task<string?> HoldsForAsync(TimeSpan duration, Func<Task<string?>> violation)
    {
        var until = DateTime.UtcNow + duration;
        while (true)
        {
            if (await violation() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow >= until)
            {
                return null;
            }

            await Task.Delay(PollInterval);
        }
    }
}
