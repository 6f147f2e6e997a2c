using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// An Akka.NET application's host with gossip added to its own ActorSystem, as docs/hosting.md shows it:
/// <c>AddAkka(SystemName, (akka, sp) =&gt; akka.WithGossipTransport(…).WithGossip(…))</c> and <c>AddGossipCluster()</c>,
/// on a free loopback port with fast gossip timings.
/// </summary>
public sealed class AkkaAppNode : IAsyncDisposable
{
    /// <summary>The application's system name, the same on every node: it is part of every gossip address.</summary>
    public const string SystemName = "akka-app";

    private bool _started;

    private AkkaAppNode(IHost host, string gossipAddress, string dataDir)
    {
        Host = host;
        GossipAddress = gossipAddress;
        DataDir = dataDir;
    }

    public IHost Host { get; }

    public string GossipAddress { get; }

    public string DataDir { get; }

    public IGossipCluster Cluster => Host.Services.GetRequiredService<IGossipCluster>();

    public ActorSystem System => Host.Services.GetRequiredService<ActorSystem>();

    /// <summary>Builds the host (not started). <paramref name="dataDir"/> defaults to a path that does not exist yet.</summary>
    public static AkkaAppNode Create(
        string? seed = null,
        Action<GossipActorsBuilder>? configure = null,
        Action<AkkaConfigurationBuilder>? beforeGossip = null,
        string? dataDir = null)
    {
        var address = $"127.0.0.1:{FreePorts.Next()}";
        var dir = dataDir ?? Path.Combine(Path.GetTempPath(), "gossip-akka-app-" + Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddGossipCluster();
        builder.Services.AddAkka(SystemName, (akka, _) =>
        {
            beforeGossip?.Invoke(akka);
            akka.WithGossipTransport(gossip => gossip.ListenOn(address).WithClusterName("akka-hosting-tests"))
                .WithGossip(gossip =>
                {
                    gossip.WithSeeds(seed ?? address)
                        .WithDataDir(dir)
                        .Set("gossip.interval", "200ms")
                        .Set("gossip.failure-detector.evaluation-interval", "200ms")
                        .Set("gossip.failure-detector.initial-interval", "400ms")
                        .Set("gossip.shadow-round-resend-interval", "500ms")
                        .Set("remote.backoff.max", "1s");
                    configure?.Invoke(gossip);
                });
        });
        return new AkkaAppNode(builder.Build(), address, dir);
    }

    public static async Task<AkkaAppNode> StartAsync(string? seed = null, Action<GossipActorsBuilder>? configure = null)
    {
        // A port chosen here may be taken by a parallel test before the system binds it; then another is chosen.
        for (var attempt = 1; ; attempt++)
        {
            var node = Create(seed, configure);
            try
            {
                await node.StartAsync();
                return node;
            }
            catch (Exception e) when (attempt < 3 && IsAddressInUse(e))
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

    /// <summary>Starts the host; a failed start has already stopped what it started (Akka.Hosting ran CoordinatedShutdown).</summary>
    public async Task StartAsync()
    {
        await Host.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await Host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
        if (Directory.Exists(DataDir))
        {
            Directory.Delete(DataDir, recursive: true);
        }
    }

    private static bool IsAddressInUse(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }
}
