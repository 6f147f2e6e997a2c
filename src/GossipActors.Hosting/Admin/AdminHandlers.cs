using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;
using GossipActors.Hosting.Metrics;
using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Admin;

/// <summary>The admin routes: reads are GET and change nothing; mutations are POST and need <c>"confirm": true</c>.</summary>
internal sealed class AdminHandlers(GossipActorsRuntime runtime, IHostApplicationLifetime lifetime, ILogger log)
{
    private static AdminJsonContext Json => AdminJsonContext.Default;

    public void Map(IEndpointRouteBuilder routes)
    {
        Get(routes, AdminRoutes.Status, StatusAsync);
        Get(routes, AdminRoutes.GossipInfo, GossipInfoAsync);
        Get(routes, AdminRoutes.FailureDetector, FailureDetectorAsync);
        Get(routes, AdminRoutes.DescribeCluster, DescribeClusterAsync);
        Get(routes, AdminRoutes.TpStats, TpStatsAsync);
        Get(routes, AdminRoutes.Health, HealthAsync);
        Get(routes, AdminRoutes.Metrics, MetricsAsync);
        Get(routes, AdminRoutes.Events, EventsAsync);
        // The page itself is served while the node starts too: it says so from its own reads.
        routes.MapGet(AdminRoutes.Dashboard, context => Dashboard.DashboardPage.Serve().ExecuteAsync(context));
        Get(routes, AdminRoutes.Info, InfoAsync);
        Get(routes, AdminRoutes.Histograms, HistogramsAsync);
        Post(routes, AdminRoutes.SetPhi, SetPhiAsync);
        Post(routes, AdminRoutes.Assassinate, AssassinateAsync);
        Post(routes, AdminRoutes.Decommission, DecommissionAsync);
    }

    // Routes are mapped as RequestDelegates, not as arbitrary delegates: ASP.NET Core binds an arbitrary delegate's
    // parameters and result by reflection at start-up, which a natively compiled node cannot do.
    private void Get(IEndpointRouteBuilder routes, string route, Func<Task<IResult>> handler) =>
        routes.MapGet(route, context => AnswerAsync(context, route, handler));

    private void Post(IEndpointRouteBuilder routes, string route, Func<HttpContext, Task<IResult>> handler) =>
        routes.MapPost(route, context => AnswerAsync(context, route, For(context, handler)));

    // A named binder rather than a lambda inside the route's lambda: ASP0016 takes an inner lambda's Task<IResult> for
    // the RequestDelegate's own result.
    private static Func<Task<IResult>> For(HttpContext context, Func<HttpContext, Task<IResult>> handler) => () => handler(context);

    private async Task AnswerAsync(HttpContext context, string route, Func<Task<IResult>> handler)
    {
        var answer = await Guard(route, handler).ConfigureAwait(false);
        await answer.ExecuteAsync(context).ConfigureAwait(false);
    }

    // The detector's clock in a hosted node: the system's, through Akka's scheduler.
    private static long NowUnixMs => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    private static AdminError Error(int status, string message) => new(status, message);

    private static IResult Unconfirmed(string route) =>
        Error(StatusCodes.Status400BadRequest, $"POST {route} changes the node; send \"confirm\": true to do it (nothing was changed)");

    private async Task<IResult> Guard(string route, Func<Task<IResult>> handler)
    {
        // The endpoint answers from the host's start; the node's system starts just after it. /health says so itself.
        if (!runtime.IsStarted && !string.Equals(route, AdminRoutes.Health, StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status503ServiceUnavailable, $"{route}: the gossip node is starting; try again in a moment");
        }

        try
        {
            return await handler().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any failure becomes a one-line 500 answer; the node keeps serving.
        catch (Exception error)
#pragma warning restore CA1031
        {
            log.LogWarning(error, "admin {Route} failed", route);
            return Error(StatusCodes.Status500InternalServerError, $"{route} failed: {error.GetType().Name}: {error.Message}");
        }
    }

    private async Task<IResult> StatusAsync()
    {
        var rows = await runtime.Cluster.GetStatusAsync().ConfigureAwait(false);
        var status = ContractMapping.Status(runtime.Settings.ClusterName, runtime.Node.LocalEndpoint.ToString(), rows);
        return Results.Json(status, Json.StatusResponse);
    }

    private async Task<IResult> GossipInfoAsync() =>
        Results.Json(ContractMapping.GossipInfo(await runtime.Cluster.GetGossipInfoAsync().ConfigureAwait(false)), Json.GossipInfoResponse);

    private async Task<IResult> FailureDetectorAsync()
    {
        var answer = ContractMapping.FailureDetector(await PeerReportAsync().ConfigureAwait(false), NowUnixMs);
        return Results.Json(answer, Json.FailureDetectorResponse);
    }

    private async Task<IResult> DescribeClusterAsync() =>
        Results.Json(ContractMapping.DescribeCluster(await runtime.Cluster.DescribeClusterAsync().ConfigureAwait(false)), Json.DescribeClusterResponse);

    private Task<IResult> TpStatsAsync() =>
        Task.FromResult(Results.Json(TpStats.Collect(runtime.GetActorStats(), runtime.DroppedFor), Json.TpStatsResponse));

    private async Task<IResult> HealthAsync()
    {
        var health = await NodeHealth.EvaluateAsync(runtime).ConfigureAwait(false);
        var status = health.Joined && health.Converged ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return Results.Json(health, Json.HealthResponse, statusCode: status);
    }

    private Task<IResult> EventsAsync()
    {
        var (events, dropped) = runtime.Events.Snapshot();
        var answer = new EventsResponse(runtime.Node.LocalEndpoint.ToString(), runtime.Events.Capacity, dropped, events);
        return Task.FromResult(Results.Json(answer, Json.EventsResponse));
    }

    private async Task<IResult> InfoAsync()
    {
        var node = runtime.Node;
        var self = (await runtime.Cluster.GetStatusAsync().ConfigureAwait(false)).FirstOrDefault(r => r.IsLocal);
        var detector = await runtime.Cluster.GetFailureDetectorReportAsync().ConfigureAwait(false);
        var health = await NodeHealth.EvaluateAsync(runtime).ConfigureAwait(false);
        var now = NowUnixMs;
        var info = new InfoResponse(
            node.LocalEndpoint.ToString(),
            runtime.Settings.ClusterName,
            node.HostId.ToString(),
            node.Generation,
            self?.Dc ?? string.Empty,
            self?.Rack ?? string.Empty,
            runtime.StartedAt,
            Math.Max(0, now - runtime.StartedAt.ToUnixTimeMilliseconds()),
            GC.GetTotalMemory(forceFullCollection: false),
            Environment.WorkingSet,
            detector.PhiConvictThreshold,
            ContractMapping.Restore(detector.PendingRestore, now),
            health.Joined,
            health.Converged,
            health.Detail);
        return Results.Json(info, Json.InfoResponse);
    }

    private Task<IResult> HistogramsAsync()
    {
        var time = TimeProvider.System;
        var now = (long)((double)time.GetTimestamp() * 1000 / time.TimestampFrequency);
        return Task.FromResult(Results.Json(ContractMapping.Histograms(runtime.Rounds.Latencies, now), Json.HistogramsResponse));
    }

    private async Task<IResult> MetricsAsync() =>
        Results.Text(PrometheusText.Render(await MetricReading.CaptureAsync(runtime).ConfigureAwait(false)), PrometheusText.ContentType);

    private async Task<IResult> SetPhiAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context, AdminRoutes.SetPhi, Json.SetPhiRequest).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        if (!request.Confirm)
        {
            return Unconfirmed(AdminRoutes.SetPhi);
        }

        var change = await (request.ForMs is { } window
            ? runtime.Cluster.SetPhiConvictThresholdAsync(request.Value, TimeSpan.FromMilliseconds(window))
            : runtime.Cluster.SetPhiConvictThresholdAsync(request.Value)).ConfigureAwait(false);
        if (!change.Applied)
        {
            return Error(StatusCodes.Status400BadRequest, change.Message);
        }

        AdminOutcome.Record(context, change.Warning is null ? change.Message : $"{change.Message} (warning: {change.Warning})");
        var restore = ContractMapping.Restore(change.Restore, NowUnixMs);
        return Results.Json(new SetPhiResponse(change.Previous, change.Current, !change.InMemoryOnly, change.Message, change.Warning, restore), Json.SetPhiResponse);
    }

    private async Task<IResult> AssassinateAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context, AdminRoutes.Assassinate, Json.AssassinateRequest).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        if (!request.Confirm)
        {
            return Unconfirmed(AdminRoutes.Assassinate);
        }

        if (!EndpointAddress.TryParse(request.Endpoint, out var target, out var parseError))
        {
            return Error(StatusCodes.Status400BadRequest, $"endpoint '{request.Endpoint}' is not HOST:PORT: {parseError}");
        }

        var members = await runtime.Cluster.GetMembersAsync().ConfigureAwait(false);
        var member = members.FirstOrDefault(m => m.Endpoint == target);
        if (member is null)
        {
            return Error(StatusCodes.Status404NotFound, $"unknown endpoint {target}: this node's gossip state does not hold it");
        }

        if (member.IsLocal)
        {
            return Error(StatusCodes.Status400BadRequest, $"{target} is this node; a node cannot assassinate itself (use decommission)");
        }

        var detector = await runtime.Cluster.GetFailureDetectorReportAsync().ConfigureAwait(false);
        var verdict = AssassinationSafety.Evaluate(target.ToString(), ContractMapping.Peers(members, detector.Endpoints), request.Force);
        if (!verdict.Allowed)
        {
            return Error(StatusCodes.Status409Conflict, $"assassinate {target} {verdict.Reason}");
        }

        var result = await runtime.Cluster.AssassinateAsync(target, confirm: true).ConfigureAwait(false);
        if (!result.Accepted)
        {
            return Error(StatusCodes.Status409Conflict, result.Message);
        }

        AdminOutcome.Record(context, $"assassinated {target} ({verdict.Reason}): {result.Message}");
        var after = (await runtime.Cluster.GetMembersAsync().ConfigureAwait(false)).FirstOrDefault(m => m.Endpoint == target);
        var generation = Math.Max(after?.HeartBeat.Generation ?? 0, member.HeartBeat.Generation + 1);
        return Results.Json(new AssassinateResponse(target.ToString(), generation, verdict.Reason, verdict.Forced), Json.AssassinateResponse);
    }

    private async Task<IResult> DecommissionAsync(HttpContext context)
    {
        var (request, problem) = await ReadAsync(context, AdminRoutes.Decommission, Json.DecommissionRequest).ConfigureAwait(false);
        if (request is null)
        {
            return problem!;
        }

        if (!request.Confirm)
        {
            return Unconfirmed(AdminRoutes.Decommission);
        }

        var result = await runtime.Cluster.DecommissionAsync().ConfigureAwait(false);
        if (!result.Accepted)
        {
            return Error(StatusCodes.Status409Conflict, result.Message);
        }

        var self = (await runtime.Cluster.GetMembersAsync().ConfigureAwait(false)).FirstOrDefault(m => m.IsLocal);
        var state = ContractMapping.State(self?.Status);
        AdminOutcome.Record(context, $"decommissioning {runtime.Node.LocalEndpoint}: {result.Message}; the node stops after a few more gossip rounds");

        // LEAVING for a few rounds, then LEFT for a few more so peers learn it, then stop the host like SIGTERM
        // would; a node that left stops without a shutdown announcement, so peers keep it LEFT.
        var linger = runtime.Settings.Interval * (GossipSettings.LeavingRounds + GossipSettings.LeftRounds + 1);
        _ = Task.Delay(linger, TimeProvider.System).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
        return Results.Json(new DecommissionResponse(runtime.Node.LocalEndpoint.ToString(), state), Json.DecommissionResponse);
    }

    private Task<Gossip.Cluster.FailureDetectorReport> PeerReportAsync() => MetricReading.PeerReportAsync(runtime);

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context, string route, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return body is null
                ? (null, Error(StatusCodes.Status400BadRequest, $"POST {route} needs a JSON body (nothing was changed)"))
                : (body, null);
        }
        catch (JsonException error)
        {
            return (null, Error(StatusCodes.Status400BadRequest, $"POST {route}: the body is not valid JSON for this route: {error.Message} (nothing was changed)"));
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A chunked body has no Content-Length for the gate to check; Kestrel stops it at the limit instead.
            return (null, AdminError.From(AdminAccessPolicy.TooLarge(context.Request.ContentLength)));
        }
    }
}
