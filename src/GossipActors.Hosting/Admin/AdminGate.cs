using System.Net;
using GossipActors.Protocol.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// The middleware in front of every admin route: applies <see cref="AdminAccessPolicy"/>, answers unknown routes and
/// methods with the JSON error body like every other refusal, and writes one audit line for every mutation and every
/// refused request, naming the client (client-provided text escaped).
/// </summary>
internal sealed class AdminGate(AdminAccessPolicy policy, ILogger log)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = Facts(context);
        try
        {
            var refusal = policy.CheckAccess(request) ?? CheckRoute(context, request);
            if (refusal is not null)
            {
                await AdminError.From(refusal).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);

            // Routing's own 405 (and anything else that set an error status without a body) gets the promised body.
            var status = context.Response.StatusCode;
            if (status >= StatusCodes.Status400BadRequest && !context.Response.HasStarted)
            {
                await new AdminError(status, Describe(context, request, status)).ExecuteAsync(context).ConfigureAwait(false);
            }
        }
        finally
        {
            Audit(context, request);
        }
    }

    private AdminRefusal? CheckRoute(HttpContext context, AdminRequestFacts request)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            return new AdminRefusal(StatusCodes.Status404NotFound, $"no route {request.Method} {request.Path}; the admin endpoint serves {ServedRoutes(context)}");
        }

        // Routing's 405 endpoint carries no method metadata; it answers on its own (with Allow) and nothing is changed.
        return endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null ? null : policy.CheckMutation(request);
    }

    /// <summary>The routes as mapped (read from routing, so the list cannot drift from the handlers), grouped by method.</summary>
    private static string ServedRoutes(HttpContext context) =>
        string.Join(
            "; ",
            context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints
                .OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (Method: method, Route: e.RoutePattern.RawText)))
                .GroupBy(r => r.Method, StringComparer.Ordinal)
                .Select(g => $"{g.Key} {string.Join(", ", g.Select(r => r.Route))}"));

    private static string Describe(HttpContext context, AdminRequestFacts request, int status) => status switch
    {
        StatusCodes.Status405MethodNotAllowed =>
            $"{request.Path} does not take {request.Method}; it takes {(context.Response.Headers.Allow is { Count: > 0 } allow ? allow.ToString() : "other methods")}",
        _ => $"{request.Method} {request.Path}: {ReasonPhrases.GetReasonPhrase(status)}",
    };

    private static AdminRequestFacts Facts(HttpContext context)
    {
        var headers = context.Request.Headers;
        return new AdminRequestFacts(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            headers.Host.Count > 0 ? headers.Host.ToString() : null,
            headers.Origin.Count > 0 ? headers.Origin.ToString() : null,
            headers.Authorization.Count > 0 ? headers.Authorization.ToString() : null,
            headers.ContentType.Count > 0 ? headers.ContentType.ToString() : null,
            context.Request.ContentLength,
            context.Connection.RemoteIpAddress,
            context.Connection.LocalIpAddress);
    }

    private void Audit(HttpContext context, AdminRequestFacts request)
    {
        var status = context.Response.StatusCode;
        if (!request.IsMutation && status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
        {
            return;
        }

        var client = context.Connection.RemoteIpAddress is { } ip
            ? new IPEndPoint(HostName.Canonical(ip), context.Connection.RemotePort).ToString()
            : "an unknown client";
        var outcome = AdminOutcome.Of(context) ?? ReasonPhrases.GetReasonPhrase(status);
        log.LogWarning(
            "admin {Method} {Path} from {Client}: {Status} {Outcome}",
            LogText.Escape(request.Method),
            LogText.Escape(request.Path),
            client,
            status,
            LogText.Escape(outcome));
    }
}
