namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// The last <see cref="Capacity"/> inter-arrival intervals of one endpoint, with their mean and
/// population variance kept up to date in O(1) per sample.
/// </summary>
/// <remarks>
/// Mean and variance are maintained with Welford's update for an added sample and its inverse for
/// the evicted one. Removal updates lose a little precision each time, so once per full turn of the
/// ring (every <see cref="Capacity"/> evictions) both are recomputed from the stored samples with a
/// two-pass sum; that keeps the cost amortised O(1) and the error bounded no matter how long the
/// endpoint lives.
/// </remarks>
public sealed class IntervalWindow
{
    private readonly double[] _samples;
    private int _next;
    private int _count;
    private int _evictionsSinceRecompute;
    private double _mean;
    private double _sumOfSquaredDeviations;

    public IntervalWindow(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "an interval window holds at least one sample");
        }

        _samples = new double[capacity];
    }

    public int Capacity => _samples.Length;

    public int Count => _count;

    /// <summary>Mean of the samples in the window; 0 when empty.</summary>
    public double Mean => _count == 0 ? 0.0 : _mean;

    /// <summary>Population variance (divides by the sample count, as Akka's detector does); 0 when empty.</summary>
    public double Variance => _count == 0 ? 0.0 : Math.Max(0.0, _sumOfSquaredDeviations / _count);

    public double StandardDeviation => Math.Sqrt(Variance);

    public void Add(double interval)
    {
        if (!double.IsFinite(interval) || interval < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "an inter-arrival interval is a finite, non-negative number of milliseconds");
        }

        if (_count == _samples.Length)
        {
            Evict(_samples[_next]);
        }

        _samples[_next] = interval;
        _next = (_next + 1) % _samples.Length;
        _count++;
        var delta = interval - _mean;
        _mean += delta / _count;
        _sumOfSquaredDeviations += delta * (interval - _mean);

        if (_evictionsSinceRecompute >= _samples.Length)
        {
            Recompute();
        }
    }

    /// <summary>The samples oldest first; a copy, for diagnostics and tests.</summary>
    public double[] ToArray()
    {
        var copy = new double[_count];
        var start = (_next - _count + _samples.Length) % _samples.Length;
        for (var i = 0; i < _count; i++)
        {
            copy[i] = _samples[(start + i) % _samples.Length];
        }

        return copy;
    }

    private void Evict(double oldest)
    {
        _count--;
        _evictionsSinceRecompute++;
        if (_count == 0)
        {
            _mean = 0.0;
            _sumOfSquaredDeviations = 0.0;
            return;
        }

        var previousMean = _mean;
        _mean = previousMean + ((previousMean - oldest) / _count);
        _sumOfSquaredDeviations -= (oldest - previousMean) * (oldest - _mean);
        if (_sumOfSquaredDeviations < 0)
        {
            _sumOfSquaredDeviations = 0.0;
        }
    }

    private void Recompute()
    {
        // Only reached with a full ring, so every slot holds a live sample.
        _evictionsSinceRecompute = 0;
        var sum = 0.0;
        for (var i = 0; i < _count; i++)
        {
            sum += _samples[i];
        }

        _mean = sum / _count;
        var squares = 0.0;
        for (var i = 0; i < _count; i++)
        {
            var deviation = _samples[i] - _mean;
            squares += deviation * deviation;
        }

        _sumOfSquaredDeviations = squares;
    }
}
