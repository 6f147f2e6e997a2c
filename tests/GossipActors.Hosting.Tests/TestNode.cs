using System.Net.Sockets;
using GossipActors.AdminClient;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// One node hosted in-process exactly as an application would host it (Host.CreateApplicationBuilder +
/// AddGossipActors), on a free loopback gossip port and an OS-chosen admin port, with fast gossip timings.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private bool _stopped;

    private TestNode(IHost host, string gossipAddress, string dataDir)
    {
        Host = host;
        GossipAddress = gossipAddress;
        DataDir = dataDir;
    }

    public IHost Host { get; }

    public string GossipAddress { get; }

    public string DataDir { get; }

    public string AdminAddress => Host.Services.GetRequiredService<AdminEndpoint>().BoundAddress
        ?? throw new InvalidOperationException("admin endpoint not serving");

    public IGossipCluster Cluster => Host.Services.GetRequiredService<IGossipCluster>();

    public GossipActorsRuntime Runtime => Host.Services.GetRequiredService<GossipActorsRuntime>();

    public AdminApiClient Admin => new(_http, AdminAddress);

    /// <summary>Builds the host (not started); <paramref name="logs"/>, when given, receives everything the node logs.</summary>
    public static TestNode Create(string? seed = null, Action<GossipActorsBuilder>? configure = null, int? port = null, string? dataDir = null, ILoggerProvider? logs = null)
    {
        var gossipPort = port ?? FreePorts.Next();
        var address = $"127.0.0.1:{gossipPort}";
        var dir = dataDir ?? Directory.CreateTempSubdirectory("gossip-hosting-test-").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddGossipActors(gossip =>
        {
            gossip.ListenOn(address)
                .WithSeeds(seed ?? address)
                .WithAdmin("127.0.0.1:0")
                .WithDataDir(dir)
                .WithClusterName("hosting-tests")
                .Set("gossip.interval", "200ms")
                .Set("gossip.failure-detector.evaluation-interval", "200ms")
                .Set("gossip.failure-detector.initial-interval", "400ms")
                .Set("gossip.shadow-round-resend-interval", "500ms")
                .Set("remote.backoff.max", "1s");
            configure?.Invoke(gossip);
        });
        return new TestNode(builder.Build(), address, dir);
    }

    public static async Task<TestNode> StartAsync(string? seed = null, Action<GossipActorsBuilder>? configure = null, int? port = null, string? dataDir = null, ILoggerProvider? logs = null)
    {
        // A port this fixture chose itself may still be taken by a parallel test between choice and listen;
        // then another is chosen. A port the test asked for is never replaced.
        for (var attempt = 1; ; attempt++)
        {
            var node = Create(seed, configure, port, dataDir, logs);
            try
            {
                await node.Host.StartAsync();
                return node;
            }
            catch (IOException e) when (port is null && attempt < 3 && e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        Host.Dispose();
        _http.Dispose();
    }
}
