using GossipActors.Remote;
using System.Globalization;
using System.Net;
using GossipActors.AdminClient.Contract;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// The HTTP admin endpoint (Kestrel on <c>admin.hostname:admin.port</c>, 127.0.0.1:7199 by default) serving exactly
/// the routes of <see cref="AdminRoutes"/>. It starts before the gossip node so <c>/health</c> answers 503 while the
/// node is still joining.
/// </summary>
public sealed class AdminEndpoint(GossipActorsRuntime runtime, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _log = loggerFactory.CreateLogger("GossipActors.Hosting.Admin");
    private WebApplication? _app;

    /// <summary>HOST:PORT actually bound (port 0 in configuration picks a free port), or null while not serving.</summary>
    public string? BoundAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = runtime.Admin;
        if (!settings.Enabled)
        {
            _log.LogInformation("admin endpoint disabled (admin.enabled = off)");
            return;
        }

        var configured = RemoteSettingsBinder.FormatAddress(settings.Hostname, settings.Port);
        var address = await ResolveAsync(settings.Hostname, cancellationToken).ConfigureAwait(false);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(AdminEndpoint).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, settings.Port);
            kestrel.Limits.MaxRequestBodySize = AdminAccessPolicy.MaximumBodyBytes;
        });
        var app = builder.Build();
        var policy = new AdminAccessPolicy(settings, address);
        app.Use(new AdminGate(policy, _log).InvokeAsync);
        new AdminHandlers(runtime, lifetime, _log).Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot serve the admin endpoint on {configured} (admin.hostname / admin.port): {error.Message}", error);
        }

        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        BoundAddress = bound is null ? configured : RemoteSettingsBinder.FormatAddress(settings.Hostname, new Uri(bound).Port);
        _log.LogInformation("admin endpoint listening on http://{Address} (gossipctl --admin {Address})", BoundAddress, BoundAddress);
        WarnIfExposed(policy, settings);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Off loopback, other machines can reach the endpoint: without a token only its reads are open to them.</summary>
    private void WarnIfExposed(AdminAccessPolicy policy, AdminSettings settings)
    {
        if (policy.IsLoopbackOnly)
        {
            return;
        }

        if (settings.Token is null)
        {
            _log.LogWarning(
                "admin endpoint {Address} is bound to a non-loopback address without admin.token: anyone who can reach it can read the cluster's state, " +
                "and mutations (setphi, assassinate, decommission) are refused from every client but loopback ones; set admin.token " +
                "(or the environment variable {Variable}) to require a token, or bind admin.hostname to 127.0.0.1",
                BoundAddress,
                AdminAuthentication.TokenEnvironmentVariable);
        }
        else
        {
            _log.LogInformation("admin endpoint {Address} is bound to a non-loopback address; every request must carry the admin token", BoundAddress);
        }
    }

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return literal;
        }

        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault()
            ?? throw new IOException(string.Create(CultureInfo.InvariantCulture, $"admin.hostname '{host}' resolves to no address"));
    }
}
