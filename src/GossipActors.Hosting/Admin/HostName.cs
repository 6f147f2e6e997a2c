using System.Globalization;
using System.Net;

namespace GossipActors.Hosting.Admin;

/// <summary>Host names as HTTP carries them (Host header, Origin, admin.allowed-hosts), compared in one normal form.</summary>
internal static class HostName
{
    /// <summary>
    /// Lower case, without a trailing dot; an IP address in its canonical text without brackets. Null when
    /// <paramref name="text"/> is not a bare host (it has a scheme, a port, a path, spaces, or is empty).
    /// </summary>
    public static string? Normalize(string? text)
    {
        var host = text?.Trim() ?? string.Empty;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (IPAddress.TryParse(host, out var ip) && (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || !host.Contains(':', StringComparison.Ordinal)))
        {
            return Canonical(ip).ToString();
        }

        host = host.TrimEnd('.').ToLowerInvariant();
        return host.Length > 0 && host.Length <= 253 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_') ? host : null;
    }

    /// <summary>
    /// Splits HOST[:PORT] as a Host header or an origin's authority writes it (IPv6 bracketed); null when it is not
    /// that shape. <paramref name="port"/> is null when none is written.
    /// </summary>
    public static string? SplitAuthority(string authority, out int? port)
    {
        port = null;
        var host = authority;
        var colon = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (colon > 0 && (authority.StartsWith('[') || authority.IndexOf(':', StringComparison.Ordinal) == colon))
        {
            if (!int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                return null;
            }

            port = parsed;
            host = authority[..colon];
        }
        else if (!authority.StartsWith('[') && authority.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        return Normalize(host);
    }

    /// <summary>IPv4 for an IPv4-mapped IPv6 address, so 127.0.0.1 and ::ffff:127.0.0.1 compare equal.</summary>
    public static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
