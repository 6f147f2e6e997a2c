namespace GossipActors.Chaos;

/// <summary>
/// Actions the runner has promised to take later (a restart, a SIGCONT, a heal), run in order of their time by the run's
/// one loop, so faults and checks never race each other.
/// </summary>
public sealed class Steps
{
    private readonly List<(DateTime At, long Order, Func<DateTime, Task> Action)> _pending = [];
    private long _order;

    public int Count => _pending.Count;

    public void At(DateTime at, Func<DateTime, Task> action) => _pending.Add((at, _order++, action));

    public void At(DateTime at, Action<DateTime> action) => At(at, now =>
    {
        action(now);
        return Task.CompletedTask;
    });

    /// <summary>Runs every step due by <paramref name="now"/> (a step may add steps; those due now run too).</summary>
    public async Task RunDueAsync(DateTime now)
    {
        while (true)
        {
            var due = _pending.Where(s => s.At <= now).OrderBy(s => s.At).ThenBy(s => s.Order).Take(1).ToList();
            if (due.Count == 0)
            {
                return;
            }

            _pending.Remove(due[0]);
            await due[0].Action(now);
        }
    }
}
