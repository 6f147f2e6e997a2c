using System.Buffers;
using System.Text.Unicode;

namespace GossipActors.Hocon.Parsing;

/// <summary>Reads a configuration file as strict UTF-8, pointing at the first byte that is not.</summary>
internal static class SourceReader
{
    /// <summary>Reads <paramref name="path"/>; every failure is a <see cref="HoconParseException"/>.</summary>
    /// <param name="path">File to read.</param>
    /// <param name="failureOrigin">Where to report a file that cannot be opened (the include statement, or the file itself).</param>
    public static string ReadFile(string path, HoconOrigin failureOrigin)
    {
        byte[] bytes;
        try
        {
            bytes = ReadCapped(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw HoconParseException.At(failureOrigin, $"cannot read {path}: {reason}");
        }

        return Decode(bytes, path);
    }

    /// <summary>No configuration is this big; the cap keeps an include of a device such as /dev/zero from running forever.</summary>
    private const int MaxFileSize = 64 << 20;

    private static byte[] ReadCapped(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var length = stream.CanSeek ? stream.Length : 0;
        if (length > MaxFileSize)
        {
            throw new IOException($"the file is larger than {MaxFileSize >> 20} MiB");
        }

        if (length > 0)
        {
            // A regular file: read it in one piece.
            var content = new byte[length];
            var filled = 0;
            int read;
            while (filled < content.Length && (read = stream.Read(content, filled, content.Length - filled)) > 0)
            {
                filled += read;
            }

            return filled == content.Length ? content : content[..filled];
        }

        // No length to trust (pipes, devices, /proc): read in chunks up to the cap.
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int got;
        while ((got = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, got);
            if (buffer.Length > MaxFileSize)
            {
                throw new IOException($"the file is larger than {MaxFileSize >> 20} MiB");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Decodes strict UTF-8, dropping a leading byte order mark.</summary>
    public static string Decode(byte[] bytes, string file)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(span.Length, 1));
        try
        {
            var status = Utf8.ToUtf16(span, buffer, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var (line, column) = Position(buffer.AsSpan(0, charsWritten));
                throw new HoconParseException(file, line, column,
                    $"invalid UTF-8: byte 0x{span[bytesRead]:X2} at offset {bytesRead + (bytes.Length - span.Length)} cannot start or continue a character; configuration files must be UTF-8");
            }

            return new string(buffer, 0, charsWritten);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (int Line, int Column) Position(ReadOnlySpan<char> before)
    {
        var line = 1;
        var column = 1;
        foreach (var c in before)
        {
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return (line, column);
    }
}
