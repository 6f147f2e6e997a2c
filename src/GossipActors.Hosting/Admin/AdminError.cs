using GossipActors.AdminClient.Contract;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// The one way the admin endpoint answers with an error: the status and <c>{"error": "…"}</c>, the body
/// docs/admin-api.md promises for every non-2xx answer, with the message kept for the audit line.
/// </summary>
internal sealed class AdminError(int status, string message, bool challenge = false) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public static AdminError From(AdminRefusal refusal) => new(refusal.Status, refusal.Message, refusal.Challenge);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        AdminOutcome.Record(httpContext, message);
        httpContext.Response.StatusCode = status;
        if (challenge)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = $"{AdminAuthentication.Scheme} realm=\"gossip-admin\"";
        }

        return httpContext.Response.WriteAsJsonAsync(new ErrorResponse(message), AdminJsonContext.Default.ErrorResponse, contentType: null, httpContext.RequestAborted);
    }
}
