using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GossipActors.AdminClient.Contract;

namespace GossipActors.Hosting.Tests;

/// <summary>Raw HTTP to an admin endpoint with the headers an attacker chooses (gossipctl's client would not send them).</summary>
public static class AdminHttp
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public static async Task<AdminAnswer> SendAsync(
        string address,
        HttpMethod method,
        string path,
        string? body = null,
        string? contentType = "application/json",
        string? host = null,
        string? origin = null,
        string? token = null,
        bool chunked = false)
    {
        using var request = new HttpRequestMessage(method, new Uri($"http://{address}{path}"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new AdminAnswer(response.StatusCode, text, response.Content.Headers.ContentType?.MediaType, response.Headers, [.. response.Content.Headers.Allow]);
    }
}

/// <summary>One answer; <see cref="Error"/> parses the contract's error body and fails when it is not that shape.</summary>
public sealed record AdminAnswer(HttpStatusCode Status, string Body, string? MediaType, HttpResponseHeaders Headers, IReadOnlyList<string> Allow)
{
    public string Error =>
        MediaType == "application/json" && JsonSerializer.Deserialize(Body, AdminJsonContext.Default.ErrorResponse) is { Error.Length: > 0 } error
            ? error.Error
            : throw new InvalidOperationException($"{(int)Status} answered with '{Body}' ({MediaType}), not the JSON error body");
}
