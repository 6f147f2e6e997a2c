namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Transitions of one endpoint within the flap window. An endpoint convicted at least
/// <see cref="FlappingConvictions"/> times within the window is flapping: it went down, came back
/// and went down again, which is the pattern GC pauses and lossy links produce.
/// </summary>
internal sealed class FlapHistory
{
    public const int FlappingConvictions = 2;

    private readonly Queue<LivenessTransition> _transitions = new();
    private readonly long _windowMs;

    public FlapHistory(long windowMs) => _windowMs = windowMs;

    public void Record(long nowMs, bool isUp)
    {
        _transitions.Enqueue(new LivenessTransition(nowMs, isUp));
        Prune(nowMs);
    }

    public IReadOnlyList<LivenessTransition> Within(long nowMs)
    {
        Prune(nowMs);
        return [.. _transitions];
    }

    private void Prune(long nowMs)
    {
        while (_transitions.Count > 0 && nowMs - _transitions.Peek().AtMs > _windowMs)
        {
            _transitions.Dequeue();
        }
    }
}
