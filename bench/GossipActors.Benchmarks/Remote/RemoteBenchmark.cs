using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging.Abstractions;

namespace GossipActors.Benchmarks.Remote;

/// <summary>
/// Loopback TCP figures for the remoting layer: throughput of 200-byte and 37 KB gossip messages at frame
/// sizes for MTU 1500 and 9001 (segment size clamped to match), and the latency of 200-byte messages while
/// 37 KB messages stream on the same connection, with and without interleaving.
/// Usage: <c>remote [--seconds N]</c> (default 3 per case).
/// </summary>
public static class RemoteBenchmark
{
    private const int Small = 200;
    private const int Large = 37 * 1024;
    private const int Window = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var duration = TimeSpan.FromSeconds(seconds);
        // Warm-up: JIT and socket buffers, not measured.
        await ThroughputAsync(Small, 1500, TimeSpan.FromSeconds(1));
        await ThroughputAsync(Large, 1500, TimeSpan.FromSeconds(1));
        Console.WriteLine("| case | MTU | messages/s | MB/s |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var mtu in new[] { 1500, 9001 })
        {
            foreach (var size in new[] { Small, Large })
            {
                var (rate, megabytes) = await ThroughputAsync(size, mtu, duration);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {size}-byte messages | {mtu} | {rate:N0} | {megabytes:N1} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| 200-byte latency while 37 KB messages stream | MTU | p50 µs | p99 µs | small messages measured |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var interleave in new[] { true, false })
        {
            var (p50, p99, count) = await LatencyUnderLoadAsync(interleave, 1500, duration);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| interleaving {(interleave ? "on" : "off")} | 1500 | {p50:N0} | {p99:N0} | {count:N0} |"));
        }

        return 0;
    }

    private static async Task<(double Rate, double MegabytesPerSecond)> ThroughputAsync(int size, int mtu, TimeSpan duration)
    {
        var message = Sized(size);
        var credits = new SemaphoreSlim(Window);
        long received = 0;
        await using var pair = await Pair.OpenAsync(mtu, interleave: true, (_, _) =>
        {
            Interlocked.Increment(ref received);
            credits.Release();
        });
        var watch = Stopwatch.StartNew();
        long sent = 0;
        while (watch.Elapsed < duration)
        {
            await credits.WaitAsync();
            pair.Client.Send(message);
            sent++;
        }

        while (Interlocked.Read(ref received) < sent)
        {
            await credits.WaitAsync();
        }

        var elapsed = watch.Elapsed.TotalSeconds;
        return (sent / elapsed, sent * (double)size / elapsed / (1024 * 1024));
    }

    private static async Task<(double P50, double P99, int Count)> LatencyUnderLoadAsync(bool interleave, int mtu, TimeSpan duration)
    {
        var latencies = new List<double>();
        var bulkCredits = new SemaphoreSlim(8);
        await using var pair = await Pair.OpenAsync(mtu, interleave, (_, message) =>
        {
            if (message is Echo echo)
            {
                var micros = (Stopwatch.GetTimestamp() - echo.Id) * 1_000_000.0 / Stopwatch.Frequency;
                lock (latencies)
                {
                    latencies.Add(micros);
                }
            }
            else
            {
                bulkCredits.Release();
            }
        });
        var large = Sized(Large);
        using var stop = new CancellationTokenSource(duration);
        var bulk = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await bulkCredits.WaitAsync(TimeSpan.FromMilliseconds(100));
                pair.Client.Send(large);
            }
        });
        while (!stop.IsCancellationRequested)
        {
            pair.Client.Send(new Echo(Stopwatch.GetTimestamp()));
            await Task.Delay(TimeSpan.FromMilliseconds(1));
        }

        await bulk;
        double[] sorted;
        lock (latencies)
        {
            sorted = [.. latencies.Order()];
        }

        return sorted.Length == 0 ? (0, 0, 0) : (sorted[sorted.Length / 2], sorted[(int)(sorted.Length * 0.99)], sorted.Length);
    }

    /// <summary>A gossip ACK whose encoding is about <paramref name="size"/> bytes.</summary>
    private static GossipDigestAck Sized(int size)
    {
        var endpoint = new EndpointAddress("10.0.0.1", 7000);
        var state = EndpointState.Create(new HeartBeatState(1, 1)).With("P", new VersionedValue(new string('p', Math.Max(1, size - 50)), 1));
        return new GossipDigestAck(ImmutableArray<GossipDigest>.Empty, new Dictionary<EndpointAddress, EndpointState> { [endpoint] = state });
    }

    private sealed class Pair : IAsyncDisposable
    {
        private Pair(Listener listener, Connection client)
        {
            Listener = listener;
            Client = client;
        }

        public Listener Listener { get; }

        public Connection Client { get; }

        public static async Task<Pair> OpenAsync(int mtu, bool interleave, Action<Connection, IGossipMessage> onReceived)
        {
            RemoteSettings Settings(int port) =>
                RemoteSettingsBinder.Bind(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"remote {{ hostname = \"127.0.0.1\", port = 1, mtu = {mtu}, stall-timeout = 5m }}\ngossip.cluster-name = \"bench\"")) with
                {
                    Address = new EndpointAddress("127.0.0.1", port),
                    InOrder = !interleave,
                };

            var listener = Listener.Start(Settings(0), NullLogger.Instance, connection => connection.MessageReceived += onReceived);
            var client = await new Dialer(Settings(1) with { Address = new EndpointAddress("127.0.0.1", 1) }, NullLogger.Instance)
                .ConnectAsync(listener.Settings.Address);
            return new Pair(listener, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.CloseAsync(null);
            await Listener.DisposeAsync();
        }
    }
}
