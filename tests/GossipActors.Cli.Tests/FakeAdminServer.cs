using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GossipActors.Cli.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 with an OS-chosen port that answers each admin route with fixed
/// contract JSON (the files in Fixtures/) and records every request, so commands are tested over
/// real HTTP without a node.
/// </summary>
public sealed class FakeAdminServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);

    private FakeAdminServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>HOST:PORT to pass as --admin.</summary>
    public string Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeAdminServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();

        FakeAdminServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var key = $"{context.Request.Method} {context.Request.Path}";
            server!.Requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? string.Empty,
                body,
                context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null,
                context.Request.ContentType));
            if (!server._answers.TryGetValue(key, out var answer))
            {
                answer = (404, $$"""{"error":"no route {{key}}"}""");
            }

            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body);
        });

        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new FakeAdminServer(app, new Uri(url).Authority);
        server.ServeFixtures();
        return server;
    }

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json"));

    public void Answer(string method, string route, int status, string body) => _answers[$"{method} {route}"] = (status, body);

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string route) =>
        [.. Requests.Where(r => r.Method == method && r.Path == route)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void ServeFixtures()
    {
        foreach (var route in new[] { "status", "gossipinfo", "failuredetector", "describecluster", "tpstats", "health", "info", "histograms" })
        {
            Answer("GET", "/" + route, 200, Fixture(route));
        }

        foreach (var route in new[] { "setphi", "assassinate", "decommission" })
        {
            Answer("POST", "/" + route, 200, Fixture(route));
        }
    }
}

/// <param name="Authorization">The Authorization header as sent, or null.</param>
public sealed record RecordedRequest(string Method, string Path, string Body, string? Authorization, string? ContentType);
