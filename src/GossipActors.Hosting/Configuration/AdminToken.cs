using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GossipActors.Hocon;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// The admin token (<c>admin.token</c>). Only its SHA-256 digest is kept, and a presented token is compared digest to
/// digest in constant time, so neither its text nor its length can be learnt from timing, a dump or a log line.
/// </summary>
public sealed class AdminToken
{
    /// <summary>Short enough to type, long enough that guessing it over HTTP is hopeless (openssl rand -hex 32 gives 64).</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _digest;

    private AdminToken(byte[] digest) => _digest = digest;

    /// <summary>The token set at <paramref name="path"/>, or null when it is empty (no token).</summary>
    /// <exception cref="ConfigException">The token is too short or holds characters a header cannot carry; the message never shows it.</exception>
    public static AdminToken? Bind(Config config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = config.GetString(path);
        if (text.Length == 0)
        {
            return null;
        }

        var where = config.TryGetValue(path, out var value) ? $" (set at {value.Origin.ToLocationString()})" : string.Empty;
        if (text.Any(c => c is < '!' or > '~'))
        {
            throw new ConfigException($"{path}{where} holds a space, a control or a non-ASCII character; use visible ASCII only (for example openssl rand -hex 32)");
        }

        if (text.Length < MinimumLength)
        {
            throw new ConfigException(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}{where} is {text.Length} characters long; use at least {MinimumLength} (for example openssl rand -hex 32)"));
        }

        return new AdminToken(Digest(text));
    }

    /// <summary>True when <paramref name="presented"/> is the token; takes the same time whatever it is.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);

    /// <summary>Never the token: settings records print their members.</summary>
    public override string ToString() => "(admin token set)";

    private static byte[] Digest(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
