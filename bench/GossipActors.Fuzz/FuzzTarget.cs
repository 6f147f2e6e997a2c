using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;

namespace GossipActors.Fuzz;

/// <summary>
/// One entry point afl-fuzz drives: bytes in, and either a clean refusal or a finding. A refusal is the error the
/// code under test promises for bad input (<see cref="CodecException"/>, <see cref="FramingException"/>, or the
/// compressor's <see cref="InvalidDataException"/>, which the connection closes on too); anything else escapes, and
/// afl-fuzz records the input as a crash.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name given to run.sh and to the harness's command line.</summary>
    public abstract string Name { get; }

    /// <summary>One line for docs and the usage text: what of the receive path this target reaches.</summary>
    public abstract string Covers { get; }

    /// <summary>
    /// Bytes the current input legitimately turned into more bytes (decompressed output, which a few compressed bytes
    /// can make large, bounded by the message size limit); the allocation bound scales with them as with the input.
    /// </summary>
    public long BytesProduced { get; protected set; }

    /// <summary>Valid inputs made by the real encoder (and framer), for afl-fuzz to start mutating from.</summary>
    public abstract IEnumerable<(string Name, byte[] Bytes)> Seeds();

    /// <returns>True when the input went all the way through, false when it was refused as promised.</returns>
    /// <exception cref="Exception">Anything but a promised refusal: a finding.</exception>
    public bool Run(ReadOnlySpan<byte> input)
    {
        BytesProduced = 0;
        try
        {
            Exercise(input);
            return true;
        }
        catch (Exception refusal) when (refusal is CodecException or FramingException or InvalidDataException)
        {
            // The promised answer to bad input: the connection logs it and closes.
            return false;
        }
    }

    protected abstract void Exercise(ReadOnlySpan<byte> input);
}
