using System.Globalization;
using System.Net;

namespace GossipActors.Protocol.Model;

/// <summary>
/// A node's identity on the wire: the address its transport listens on. IPv6 hosts are written in
/// brackets (<c>[::1]:7000</c>) so the text form can always be split back into host and port.
/// </summary>
public readonly record struct EndpointAddress(string Host, int Port) : IComparable<EndpointAddress>
{
    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public int CompareTo(EndpointAddress other)
    {
        var byHost = string.CompareOrdinal(Host, other.Host);
        return byHost != 0 ? byHost : Port.CompareTo(other.Port);
    }

    public static EndpointAddress Parse(string text)
    {
        if (TryParse(text, out var address, out var error))
        {
            return address;
        }

        throw new FormatException(error);
    }

    public static bool TryParse(string? text, out EndpointAddress address, out string error)
    {
        address = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "endpoint address is empty; expected HOST:PORT";
            return false;
        }

        string host;
        string portText;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                error = $"'{text}' is not a valid endpoint address; expected [IPV6]:PORT";
                return false;
            }

            host = text[1..close];
            portText = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0 || text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                error = $"'{text}' is not a valid endpoint address; expected HOST:PORT (IPv6 as [ADDR]:PORT)";
                return false;
            }

            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' has an invalid port '{portText}'; expected 1-65535";
            return false;
        }

        if (host.Length == 0 || (host.Contains(':', StringComparison.Ordinal) && !IPAddress.TryParse(host, out _)))
        {
            error = $"'{text}' has an invalid host '{host}'";
            return false;
        }

        address = new EndpointAddress(host, port);
        error = string.Empty;
        return true;
    }
}
