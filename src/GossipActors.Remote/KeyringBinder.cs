using System.Globalization;
using System.Text.Json;
using GossipActors.Hocon;
using GossipActors.Protocol.Security;

namespace GossipActors.Remote;

/// <summary>
/// Reads <c>remote.keyring</c>: base64 keys in the configuration (<c>keys</c>, possibly from environment variables),
/// or a Serf-style keyring file (<c>file</c>: a JSON array of base64 keys, the first the primary), and which key is
/// primary. Errors name the setting and where it was set, and show a key only by its fingerprint.
/// </summary>
internal static class KeyringBinder
{
    private const string Keys = "remote.keyring.keys";
    private const string File = "remote.keyring.file";
    private const string Primary = "remote.keyring.primary";

    public static Keyring? Bind(Config c)
    {
        var listed = c.GetStringList(Keys);
        var file = c.GetString(File).Trim();
        if (listed.Count > 0 && file.Length > 0)
        {
            throw RemoteSettingsBinder.Invalid(c, File, $"and {Keys} are both set; use one of them");
        }

        var (texts, source) = file.Length > 0 ? (ReadFile(c, file), File) : (listed, Keys);
        var primary = c.GetString(Primary).Trim();
        if (texts.Count == 0)
        {
            return primary.Length == 0 ? null : throw RemoteSettingsBinder.Invalid(c, Primary, $"is set but there are no keys ({Keys} or {File})");
        }

        if (!SealedMessage.IsSupported)
        {
            throw RemoteSettingsBinder.Invalid(c, source, "needs AES-GCM to seal messages, and this platform's crypto library has none");
        }

        var keys = new List<byte[]>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            keys.Add(Decode(c, source, i, texts[i]));
        }

        var primaryIndex = primary.Length == 0 ? 0 : FindPrimary(c, texts, keys, primary);
        try
        {
            return new Keyring(keys, primaryIndex);
        }
        catch (ArgumentException error)
        {
            throw RemoteSettingsBinder.Invalid(c, source, error.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static List<string> ReadFile(Config c, string path)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw RemoteSettingsBinder.Invalid(c, File, $"'{path}' cannot be read: {error.Message}");
        }

        try
        {
            return JsonSerializer.Deserialize(text, KeyringJsonContext.Default.ListString) is { } keys && keys.TrueForAll(k => k is not null)
                ? keys
                : throw RemoteSettingsBinder.Invalid(c, File, $"'{path}' is not a JSON array of base64 keys");
        }
        catch (JsonException error)
        {
            // The parser's message quotes positions, not content, so no key text reaches the log.
            throw RemoteSettingsBinder.Invalid(c, File, $"'{path}' is not a JSON array of base64 keys: line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}");
        }
    }

    private static byte[] Decode(Config c, string source, int index, string text)
    {
        var trimmed = text.Trim();
        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var length))
        {
            throw RemoteSettingsBinder.Invalid(c, source, string.Create(CultureInfo.InvariantCulture, $"key {index + 1} is not base64 (a key is 16, 24 or 32 random bytes, e.g. from `openssl rand -base64 32`)"));
        }

        return buffer[..length];
    }

    /// <summary>The primary may be given as one of the keys (base64, as Serf's <c>keyring -use</c>) or as its fingerprint.</summary>
    private static int FindPrimary(Config c, IReadOnlyList<string> texts, List<byte[]> keys, string primary)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (string.Equals(texts[i].Trim(), primary, StringComparison.Ordinal) ||
                string.Equals(Keyring.Fingerprint(keys[i]), primary, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw RemoteSettingsBinder.Invalid(c, Primary, "is neither one of the keys nor the fingerprint of one; install a key before making it primary");
    }
}
