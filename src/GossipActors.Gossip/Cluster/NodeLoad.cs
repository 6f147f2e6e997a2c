using System.Globalization;
using System.Text;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// What this runtime publishes as LOAD (Cassandra publishes its on-disk data size): the bytes of the files
/// under the node's data directory plus the UTF-8 bytes of its own application state values. LOAD itself is
/// left out of the sum, so publishing it does not move the figure. The value is a whole number of bytes.
/// </summary>
public static class NodeLoad
{
    /// <summary>Data-directory bytes plus the UTF-8 size of every value in <paramref name="ownStates"/> except LOAD.</summary>
    public static long Compute(long dataDirectoryBytes, IEnumerable<KeyValuePair<string, VersionedValue>> ownStates)
    {
        ArgumentNullException.ThrowIfNull(ownStates);
        var total = dataDirectoryBytes;
        foreach (var (key, value) in ownStates)
        {
            if (key != ApplicationStateKeys.Load)
            {
                total += Encoding.UTF8.GetByteCount(value.Value);
            }
        }

        return total;
    }

    /// <summary>
    /// Sum of the sizes of the files under <paramref name="directory"/>, recursively; 0 when there is no
    /// directory. Files that vanish or cannot be read while walking are skipped: the figure is an estimate.
    /// </summary>
    public static long DataDirectoryBytes(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return 0;
        }

        var walk = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", walk))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
                // Deleted between listing and measuring (an atomic write's temporary file): not part of the load.
            }
        }

        return total;
    }

    /// <summary>The LOAD text for <paramref name="bytes"/>: invariant digits, as readers parse it.</summary>
    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);
}
