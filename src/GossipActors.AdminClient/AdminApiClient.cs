using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GossipActors.AdminClient.Contract;
using GossipActors.Protocol.Model;

namespace GossipActors.AdminClient;

/// <summary>
/// Typed client of one node's admin endpoint. Every failure surfaces as an
/// <see cref="AdminClientException"/> whose message is a single line naming the endpoint, so
/// callers can print it as is.
/// </summary>
public sealed class AdminApiClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly string? _token;

    /// <param name="http">Used as is; its Timeout bounds every call. The caller owns its lifetime.</param>
    /// <param name="adminHostPort">HOST:PORT of the admin endpoint (IPv6 as [ADDR]:PORT).</param>
    /// <param name="token">The node's admin token (<c>admin.token</c>), sent as <c>Authorization: Bearer</c> with every
    /// request; null or empty sends none.</param>
    /// <exception cref="ArgumentException">The address is not HOST:PORT.</exception>
    public AdminApiClient(HttpClient http, string adminHostPort, string? token = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!EndpointAddress.TryParse(adminHostPort, out var address, out var error))
        {
            throw new ArgumentException($"invalid admin address: {error}", nameof(adminHostPort));
        }

        _http = http;
        _token = string.IsNullOrEmpty(token) ? null : token;
        AdminAddress = address.ToString();
        _baseUri = new Uri($"http://{AdminAddress}");
    }

    /// <summary>The admin endpoint as HOST:PORT, the way error messages name it.</summary>
    public string AdminAddress { get; }

    public Task<StatusResponse> GetStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.Status, AdminJsonContext.Default.StatusResponse, cancellationToken);

    public Task<GossipInfoResponse> GetGossipInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.GossipInfo, AdminJsonContext.Default.GossipInfoResponse, cancellationToken);

    public Task<FailureDetectorResponse> GetFailureDetectorAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.FailureDetector, AdminJsonContext.Default.FailureDetectorResponse, cancellationToken);

    public Task<DescribeClusterResponse> DescribeClusterAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.DescribeCluster, AdminJsonContext.Default.DescribeClusterResponse, cancellationToken);

    public Task<InfoResponse> GetInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.Info, AdminJsonContext.Default.InfoResponse, cancellationToken);

    public Task<HistogramsResponse> GetHistogramsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.Histograms, AdminJsonContext.Default.HistogramsResponse, cancellationToken);

    public Task<TpStatsResponse> GetTpStatsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(AdminRoutes.TpStats, AdminJsonContext.Default.TpStatsResponse, cancellationToken);

    /// <summary>/health answers 503 while not joined or not converged; that is an answer, not an error.</summary>
    public async Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, AdminRoutes.Health, null, cancellationToken);
        if (status is not HttpStatusCode.OK and not HttpStatusCode.ServiceUnavailable)
        {
            throw Refused("GET", AdminRoutes.Health, status, body);
        }

        return Deserialize(AdminRoutes.Health, body, AdminJsonContext.Default.HealthResponse);
    }

    /// <summary>The Prometheus text exposition, unparsed.</summary>
    public Task<string> GetMetricsAsync(CancellationToken cancellationToken = default) =>
        GetRawAsync(AdminRoutes.Metrics, cancellationToken);

    /// <summary>The body of a successful GET exactly as the node sent it (what <c>--json</c> prints).</summary>
    public async Task<string> GetRawAsync(string route, CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, route, null, cancellationToken);
        EnsureSuccess("GET", route, status, body);
        return body;
    }

    public Task<SetPhiResponse> SetPhiAsync(double value, bool confirm, CancellationToken cancellationToken = default) =>
        SetPhiAsync(new SetPhiRequest(value, confirm), cancellationToken);

    /// <summary>Sends <paramref name="request"/> as it is: with <see cref="SetPhiRequest.ForMs"/>, a change the node undoes by itself.</summary>
    public Task<SetPhiResponse> SetPhiAsync(SetPhiRequest request, CancellationToken cancellationToken = default) =>
        PostAsync(
            AdminRoutes.SetPhi,
            request,
            AdminJsonContext.Default.SetPhiRequest,
            AdminJsonContext.Default.SetPhiResponse,
            cancellationToken);

    public Task<AssassinateResponse> AssassinateAsync(string endpoint, bool confirm, bool force, CancellationToken cancellationToken = default) =>
        PostAsync(
            AdminRoutes.Assassinate,
            new AssassinateRequest(endpoint, confirm, force),
            AdminJsonContext.Default.AssassinateRequest,
            AdminJsonContext.Default.AssassinateResponse,
            cancellationToken);

    public Task<DecommissionResponse> DecommissionAsync(bool confirm, CancellationToken cancellationToken = default) =>
        PostAsync(
            AdminRoutes.Decommission,
            new DecommissionRequest(confirm),
            AdminJsonContext.Default.DecommissionRequest,
            AdminJsonContext.Default.DecommissionResponse,
            cancellationToken);

    private async Task<T> GetAsync<T>(string route, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var body = await GetRawAsync(route, cancellationToken);
        return Deserialize(route, body, typeInfo);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string route,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonSerializer.Serialize(request, requestInfo), Encoding.UTF8, AdminAuthentication.JsonMediaType);
        var (status, body) = await SendAsync(HttpMethod.Post, route, content, cancellationToken);
        EnsureSuccess("POST", route, status, body);
        return Deserialize(route, body, responseInfo);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(
        HttpMethod method,
        string route,
        HttpContent? content,
        CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, new Uri(_baseUri, route)) { Content = content };
        if (_token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue(AdminAuthentication.Scheme, _token);
        }

        try
        {
            using var response = await _http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return (response.StatusCode, body);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded)
        {
            // Something listens there but it is not an admin endpoint: most often --admin was given the gossip port.
            throw new AdminClientException(
                $"{AdminAddress} is not an admin endpoint (is it the gossip port?): {OneLine(ex.Message)}",
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AdminClientException($"cannot reach admin endpoint {AdminAddress}: {Describe(ex)}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own Timeout as a cancellation nobody asked for.
            throw new AdminClientException(
                $"cannot reach admin endpoint {AdminAddress}: no answer within {_http.Timeout.TotalSeconds:0.#} s",
                ex);
        }
    }

    private void EnsureSuccess(string method, string route, HttpStatusCode status, string body)
    {
        if ((int)status is < 200 or > 299)
        {
            throw Refused(method, route, status, body);
        }
    }

    private AdminClientException Refused(string method, string route, HttpStatusCode status, string body)
    {
        var reason = ErrorText(body);
        return new AdminClientException(
            $"admin endpoint {AdminAddress} answered {method} {route} with {(int)status} {status}: {reason}",
            (int)status);
    }

    private static string ErrorText(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(empty body)";
        }

        try
        {
            var error = JsonSerializer.Deserialize(body, AdminJsonContext.Default.ErrorResponse);
            if (!string.IsNullOrWhiteSpace(error?.Error))
            {
                return OneLine(error.Error);
            }
        }
        catch (JsonException)
        {
            // Not the contract's error shape (a proxy's HTML page, say): show the start of it instead.
        }

        return OneLine(body.Length > 200 ? body[..200] + "…" : body);
    }

    private T Deserialize<T>(string route, string body, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new AdminClientException($"admin endpoint {AdminAddress} answered {route} with JSON null");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is null ? string.Empty : $" at {ex.Path}";
            throw new AdminClientException(
                $"admin endpoint {AdminAddress} answered {route} with JSON that does not match the contract{where}: {OneLine(ex.Message)}",
                ex);
        }
    }

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.TimedOut => "connection timed out",
                    SocketError.HostUnreachable => "host unreachable",
                    SocketError.NetworkUnreachable => "network unreachable",
                    SocketError.ConnectionReset => "connection reset by peer",
                    _ => OneLine(socket.Message),
                };
            }
        }

        return OneLine(ex.InnerException?.Message ?? ex.Message);
    }

    private static string OneLine(string text) =>
        text.ReplaceLineEndings(" ").Trim();
}
