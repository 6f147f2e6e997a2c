namespace GossipActors.Fuzz;

/// <summary>
/// Turns an input that allocates far more than its size into a crash afl-fuzz records. The bound is linear in the
/// bytes that really entered the code (the input, plus what decompression produced from it):
/// <see cref="FixedAllowance"/> + <see cref="BytesPerByte"/> × those bytes.
/// Decoding legitimately allocates a few dozen bytes per input byte (objects, UTF-16 strings, field names for
/// error messages); a length or count taken from the input and allocated up front shows up as megabytes from a
/// handful of bytes, orders of magnitude over the bound. The count is the current thread's, so it is exact and
/// unaffected by anything else the process does.
/// </summary>
public sealed class AllocationGuard(FuzzTarget target)
{
    public const long FixedAllowance = 64 * 1024;
    public const long BytesPerByte = 256;

    /// <summary>The most any input allocated so far, and that input's length (for the run's summary).</summary>
    public long WorstAllocated { get; private set; }

    public int WorstInputLength { get; private set; }

    public void Run(ReadOnlySpan<byte> input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        target.Run(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > WorstAllocated)
        {
            WorstAllocated = allocated;
            WorstInputLength = input.Length;
        }

        var bound = Bound(input.Length, target.BytesProduced);
        if (allocated > bound)
        {
            throw new UnboundedAllocationException(
                $"{target.Name}: an input of {input.Length} bytes (producing {target.BytesProduced} more) allocated {allocated} bytes, over the bound of {bound}");
        }
    }

    public static long Bound(int inputLength, long produced) =>
        FixedAllowance + (BytesPerByte * (inputLength + produced));
}

/// <summary>A finding: one input allocated more than <see cref="AllocationGuard"/> allows.</summary>
public sealed class UnboundedAllocationException(string message) : Exception(message);
