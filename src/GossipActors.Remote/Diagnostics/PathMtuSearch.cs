namespace GossipActors.Remote.Diagnostics;

/// <summary>
/// Bisection for the largest MTU whose full-size segments reach the peer, between a floor assumed to work
/// (1280) and the interface MTU known to fail. Pure: the caller runs each probe and reports the outcome.
/// </summary>
public sealed class PathMtuSearch
{
    public PathMtuSearch(int floor, int failing)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failing, floor);
        Working = floor;
        Failing = failing;
    }

    /// <summary>Largest MTU known to carry segments.</summary>
    public int Working { get; private set; }

    /// <summary>Smallest MTU known to be black-holed.</summary>
    public int Failing { get; private set; }

    public int Probes { get; private set; }

    public bool IsDone => Failing - Working <= 1;

    /// <summary>The next MTU to try; meaningless once <see cref="IsDone"/>.</summary>
    public int Candidate => Working + ((Failing - Working) / 2);

    public void Report(int mtu, bool delivered)
    {
        Probes++;
        if (delivered)
        {
            Working = Math.Max(Working, mtu);
        }
        else
        {
            Failing = Math.Min(Failing, mtu);
        }
    }
}
