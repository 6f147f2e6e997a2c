using System.Globalization;
using System.Net;
using GossipActors.AdminClient.Contract;
using GossipActors.Hosting.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// Who may drive the admin endpoint, as pure rules over one request (docs/admin-api.md, "Who may call it"):
/// <list type="number">
/// <item>every request: the Host header names this endpoint, and an Origin, when sent, is this endpoint itself
/// (a foreign Host is DNS rebinding, a foreign Origin a cross-site page);</item>
/// <item>every request, when <c>admin.token</c> is set: <c>Authorization: Bearer TOKEN</c>;</item>
/// <item>mutations, when no token is set: from a loopback client only;</item>
/// <item>mutations: <c>Content-Type: application/json</c> (a browser cannot send it cross-site without asking
/// first) and a body within <see cref="MaximumBodyBytes"/>.</item>
/// </list>
/// </summary>
internal sealed class AdminAccessPolicy(AdminSettings settings, IPAddress boundAddress)
{
    /// <summary>The largest request body accepted; the biggest real one (assassinate) is under 200 bytes.</summary>
    public const long MaximumBodyBytes = 16 * 1024;

    private readonly IPAddress _bound = HostName.Canonical(boundAddress);
    private readonly string? _hostname = HostName.Normalize(settings.Hostname);

    /// <summary>True when the endpoint listens on loopback only, where no other machine can reach it.</summary>
    public bool IsLoopbackOnly => IPAddress.IsLoopback(_bound);

    /// <summary>The rules every request meets before it reaches a route (1 and 2 above); null when it passes.</summary>
    public AdminRefusal? CheckAccess(AdminRequestFacts request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CheckHost(request) ?? CheckOrigin(request) ?? CheckToken(request);
    }

    /// <summary>The rules a mutation meets once its route is known (3 and 4 above); null when it passes or is a read.</summary>
    public AdminRefusal? CheckMutation(AdminRequestFacts request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsMutation)
        {
            return null;
        }

        if (settings.Token is null && request.Client is { } client && !IPAddress.IsLoopback(HostName.Canonical(client)))
        {
            return new AdminRefusal(
                StatusCodes.Status403Forbidden,
                $"{request.Method} {request.Path} from {HostName.Canonical(client)} refused: this node has no admin.token, so only loopback clients may change it; " +
                $"set admin.token (or {AdminAuthentication.TokenEnvironmentVariable}) on the node and pass gossipctl --token (nothing was changed)");
        }

        if (!IsJson(request.ContentType, out var problem))
        {
            return new AdminRefusal(
                StatusCodes.Status415UnsupportedMediaType,
                $"{request.Method} {request.Path} needs Content-Type: {AdminAuthentication.JsonMediaType}, {problem} (nothing was changed)");
        }

        return request.ContentLength > MaximumBodyBytes ? TooLarge(request.ContentLength) : null;
    }

    /// <summary>The 413 refusal; <paramref name="length"/> is null when the body ran over without a Content-Length.</summary>
    public static AdminRefusal TooLarge(long? length) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            string.Create(
                CultureInfo.InvariantCulture,
                $"the request body {(length is { } n ? $"is {n} bytes" : "is too large")}; the admin endpoint accepts at most {MaximumBodyBytes} bytes (nothing was changed)"));

    private AdminRefusal? CheckHost(AdminRequestFacts request)
    {
        var header = request.Host?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return Forbidden("the request has no Host header; send the admin endpoint's address as Host");
        }

        var host = HostName.SplitAuthority(header, out _);
        return host is not null && IsOwnName(host, request.Local)
            ? null
            : Forbidden(
                $"Host '{header}' does not name this admin endpoint: a foreign name is how DNS rebinding reaches it from a browser; " +
                "if it is this node's name (a proxy's, a NAT's), list it in admin.allowed-hosts");
    }

    // A browser sends Origin with cross-site requests and with same-origin ones that are not GET/HEAD. The only page
    // that may drive the endpoint is one it served itself, whose origin is http:// plus the Host just checked.
    private static AdminRefusal? CheckOrigin(AdminRequestFacts request)
    {
        if (request.Origin is null)
        {
            return null;
        }

        const string Http = "http://";
        var origin = request.Origin.Trim();
        var hostHost = HostName.SplitAuthority(request.Host!.Trim(), out var hostPort);
        var sameOrigin = origin.StartsWith(Http, StringComparison.OrdinalIgnoreCase)
            && HostName.SplitAuthority(origin[Http.Length..], out var originPort) is { } originHost
            && string.Equals(originHost, hostHost, StringComparison.Ordinal)
            && (originPort ?? 80) == (hostPort ?? 80);
        return sameOrigin
            ? null
            : Forbidden($"Origin '{origin}' is not this admin endpoint: requests from another site's pages are refused (gossipctl and scripts send no Origin)");
    }

    private AdminRefusal? CheckToken(AdminRequestFacts request)
    {
        if (settings.Token is not { } token)
        {
            return null;
        }

        var header = request.Authorization?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return Unauthorized(
                $"this admin endpoint requires a token: send Authorization: {AdminAuthentication.Scheme} TOKEN " +
                $"(gossipctl --token, or {AdminAuthentication.TokenEnvironmentVariable})");
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header[..space].Equals(AdminAuthentication.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized($"the Authorization header must be '{AdminAuthentication.Scheme} TOKEN'");
        }

        return token.Matches(header[(space + 1)..].Trim()) ? null : Unauthorized("the admin token does not match admin.token on the node");
    }

    private bool IsOwnName(string host, IPAddress? local)
    {
        var arrivedOnLoopback = local is not null && IPAddress.IsLoopback(HostName.Canonical(local));
        if (IPAddress.TryParse(host, out var ip))
        {
            ip = HostName.Canonical(ip);
            return ip.Equals(_bound)
                || (local is not null && ip.Equals(HostName.Canonical(local)))
                || (arrivedOnLoopback && IPAddress.IsLoopback(ip))
                || settings.AllowedHosts.Contains(host, StringComparer.Ordinal);
        }

        return (arrivedOnLoopback && host == "localhost")
            || string.Equals(host, _hostname, StringComparison.Ordinal)
            || settings.AllowedHosts.Contains(host, StringComparer.Ordinal);
    }

    private static bool IsJson(string? contentType, out string problem)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            problem = "and the request has none";
            return false;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals(AdminAuthentication.JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"not '{contentType}'";
            return false;
        }

        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"in UTF-8, not charset={media.Charset}";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static AdminRefusal Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    private static AdminRefusal Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message, Challenge: true);
}
