using System.Runtime.InteropServices;
namespace GossipActors.Gossip.Persistence;

/// <summary>
/// The one rule for a usable <c>gossip.data-dir</c>: it can be created, is a directory and takes new files. The store
/// applies it before reading, and a host may apply it before building anything else, so an unusable directory is
/// refused in one line naming the setting and the operating system's reason, not inside the node's first write.
/// </summary>
public static class DataDirectoryCheck
{
    /// <exception cref="DataDirectoryException">The directory cannot be created, is not a directory, or cannot be written.</exception>
    public static void EnsureUsable(string directory)
    {
        var blocking = FirstRegularFile(Path.GetFullPath(directory));
        if (blocking is not null)
        {
            throw Unusable(
                directory,
                blocking == Path.GetFullPath(directory) ? "it is a regular file, not a directory" : $"'{blocking}' is a regular file, not a directory",
                null);
        }

        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Guid.NewGuid():N}.tmp");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                // Creating it proves the directory takes new files (local.json is replaced by rename); closing deletes it.
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw Unusable(directory, Reason(error), error);
        }
    }

    internal static DataDirectoryException Unusable(string directory, string reason, Exception? inner) =>
        new($"{GossipStateStore.SettingName} '{directory}' is not usable: {reason}", inner);

    /// <summary>The path itself or the nearest existing ancestor when that is a file (creating below it fails obscurely).</summary>
    private static string? FirstRegularFile(string path)
    {
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (File.Exists(current))
            {
                return current;
            }

            if (Directory.Exists(current))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The operating system's words ("Permission denied", "Read-only file system"): on Unix .NET keeps errno as the
    /// HResult of the innermost IOException, while its own message repeats the probe file's name.
    /// </summary>
    private static string Reason(Exception error)
    {
        for (var current = (Exception?)error; current is not null; current = current.InnerException)
        {
            if (current is IOException { HResult: > 0 } os && !OperatingSystem.IsWindows())
            {
                return Marshal.GetPInvokeErrorMessage(os.HResult);
            }
        }

        return error.Message;
    }
}
