using GossipActors.Protocol.Security;

namespace GossipActors.Remote.Tests;

/// <summary>Fixed keyring keys (never random: a failing test repeats exactly) and the HOCON that installs them.</summary>
internal static class TestKeys
{
    public static readonly string K1 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i + 1)).ToArray());
    public static readonly string K2 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 3 + 2)).ToArray());
    public static readonly string K3 = Convert.ToBase64String(Enumerable.Range(0, 16).Select(i => (byte)(200 - i)).ToArray());

    /// <summary><c>remote.keyring</c> with <paramref name="keys"/> installed and <paramref name="primary"/> (default the first) in use.</summary>
    public static string Keyring(string[] keys, string? primary = null) =>
        $"remote.keyring {{ keys = [{string.Join(", ", keys.Select(k => $"\"{k}\""))}], primary = \"{primary ?? string.Empty}\" }}";

    public static string Fingerprint(string key) => Protocol.Security.Keyring.Fingerprint(Convert.FromBase64String(key));
}
