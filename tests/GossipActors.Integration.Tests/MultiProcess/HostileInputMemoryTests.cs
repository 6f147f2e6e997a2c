using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 13 item 1: a node's resident memory under a flood of connections that declare large messages (as strangers,
/// and as peers that know the cluster name) and under slow senders stays within 64 MiB of its idle RSS, and comes back.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class HostileInputMemoryTests(ITestOutputHelper output)
{
    private const int Connections = 2000;
    private const int SlowSenders = 200;
    private const int HeaderBytes = 64;
    private const int ConnectConcurrency = 100;
    private const long Budget = 64 * ResidentMemory.MiB;

    /// <summary>
    /// How close to idle "returned" means once the node has released what the attacks made it grow
    /// (remote.flood-release-after): a collection gives back free regions, not every page the runtime has touched.
    /// </summary>
    private const long ReturnSlack = 16 * ResidentMemory.MiB;

    /// <summary>The node runs with this remote.message-progress-timeout, so the slow senders are cut off within the test.</summary>
    private static readonly TimeSpan ProgressTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReturnDeadline = TimeSpan.FromSeconds(20);

    [HostileLoadFact]
    public async Task Rss_stays_within_64_MiB_of_idle_under_header_floods_and_slow_senders_and_comes_back()
    {
        var progressTimeout = string.Create(CultureInfo.InvariantCulture, $"remote.message-progress-timeout={ProgressTimeout.TotalSeconds}s");
        using var cluster = new LoopbackCluster(1, output, _ => ["--new-cluster", "--set", progressTimeout]);
        await cluster.StartConvergedAsync(Generous);
        var node = cluster.Nodes[0];
        var pid = node.Process!.Id;
        var endpoint = IPEndPoint.Parse(node.GossipAddress);
        var clock = Stopwatch.StartNew();

        // Idle: the highest of a few samples once the node has converged, so a transient dip does not flatter the bound.
        long idle = 0;
        for (var i = 0; i < 10; i++)
        {
            idle = Math.Max(idle, Rss(pid));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var strangers = await MeasureAsync(pid, () => FloodAsync(endpoint, hello: null));
        var peers = await MeasureAsync(pid, () => FloodAsync(endpoint, HostilePeer.Hello("integration")));
        var slow = await MeasureAsync(pid, () => SlowSendersAsync(endpoint));

        // Back near idle by itself: the node notices that the flood is over and releases what it grew. Nothing here
        // makes it collect; the deadline covers its quiet period and a few samples.
        var after = await Deadline.PollAsync(ReturnDeadline, async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            return Rss(pid) is var now && now <= idle + ReturnSlack ? (object?)now : null;
        }) as long?;
        var last = Rss(pid);
        var report = string.Create(
            CultureInfo.InvariantCulture,
            $"idle {ResidentMemory.Format(idle)}; peak with {Connections} strangers sending {HeaderBytes} B of stream headers {ResidentMemory.Format(strangers.Peak)} " +
            $"({strangers.Detail}); peak with {Connections} peers (Hello, then {HeaderBytes} B of headers) {ResidentMemory.Format(peers.Peak)} ({peers.Detail}); " +
            $"peak with {SlowSenders} slow senders {ResidentMemory.Format(slow.Peak)} ({slow.Detail}); after {ResidentMemory.Format(after ?? last)} " +
            $"({(after is null ? "not " : string.Empty)}within {ResidentMemory.Format(ReturnSlack)} of idle within {ReturnDeadline.TotalSeconds:0} s, no collection induced); test body {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine(report);

        foreach (var (name, phase) in new[] { ("strangers", strangers), ("peers", peers), ("slow senders", slow) })
        {
            Assert.True(phase.Peak - idle <= Budget, $"{name}: RSS peaked {ResidentMemory.Format(phase.Peak - idle)} over idle\n{report}\n{node.Tails(60)}");
        }

        Assert.True(after is not null, $"RSS did not come back within {ResidentMemory.Format(ReturnSlack)} of idle\n{report}\n{node.Tails(60)}");
        Assert.Contains(node.Lines, l => l.Contains("remote.flood-release-after", StringComparison.Ordinal));
        var health = await node.HealthAsync();
        Assert.True(health.IsOk, $"after the attacks: {health}");
        var cutOff = node.Lines.Count(l => l.Contains("remote.message-progress-timeout", StringComparison.Ordinal));
        Assert.True(cutOff >= SlowSenders, $"only {cutOff} connections were closed naming remote.message-progress-timeout\n{node.Tails(60)}");
        Assert.DoesNotContain(node.Lines, l => l.Contains("unexpectedly", StringComparison.Ordinal));
    }

    private static long Rss(int pid) => ResidentMemory.Of(pid) ?? throw new InvalidOperationException($"node process {pid} is gone");

    /// <summary>Runs an attack while sampling the node's RSS every 50 ms; the peak, and what the attack reports.</summary>
    private static async Task<(long Peak, string Detail)> MeasureAsync(int pid, Func<Task<string>> attack)
    {
        using var stop = new CancellationTokenSource();
        var peak = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMemory.Of(pid) ?? 0);
                await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
        });
        var detail = await attack();
        peak = Math.Max(peak, ResidentMemory.Of(pid) ?? 0);
        await stop.CancelAsync();
        await sampler;
        return (peak, detail);
    }

    /// <summary>
    /// <see cref="Connections"/> connections, each sending <paramref name="hello"/> (when given) and then
    /// <see cref="HeaderBytes"/> bytes of headers that declare 16 MiB messages, all held open together for a moment.
    /// </summary>
    private async Task<string> FloodAsync(IPEndPoint node, byte[]? hello)
    {
        var open = new ConcurrentBag<Socket>();
        var refused = 0;
        using var gate = new SemaphoreSlim(ConnectConcurrency);
        var headers = HostilePeer.StreamHeaders(hello is null ? 1u : HostilePeer.StreamsInHello + 1, HeaderBytes);
        using var deadline = new CancellationTokenSource(Generous);
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            await gate.WaitAsync(deadline.Token);
            try
            {
                var socket = await HostilePeer.TryConnectAsync(node, deadline.Token);
                if (socket is not null && (hello is null || await HostilePeer.TryHandshakeAsync(socket, hello, deadline.Token)) &&
                    await HostilePeer.TrySendAsync(socket, headers, deadline.Token))
                {
                    open.Add(socket);
                }
                else
                {
                    socket?.Dispose();
                    Interlocked.Increment(ref refused);
                }
            }
            finally
            {
                gate.Release();
            }
        }));

        // Held open while the node reads them (the sampler is running), then dropped by this side.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stillOpen = open.Count(s => !(s.Poll(0, SelectMode.SelectRead) && s.Available == 0));
        foreach (var socket in open)
        {
            socket.Dispose();
        }

        output.WriteLine($"flood ({(hello is null ? "strangers" : "peers")}): {open.Count} sent, {refused} refused at connect or send, {stillOpen} still open after 2 s");
        return string.Create(CultureInfo.InvariantCulture, $"{open.Count} sent, {stillOpen} still open after 2 s");
    }

    /// <summary>
    /// <see cref="SlowSenders"/> peers that complete the handshake, open a 16 MiB message with a 65,535-byte frame and
    /// send it one byte a second; returns once the node has closed every one of them (or fails at the deadline).
    /// </summary>
    private async Task<string> SlowSendersAsync(IPEndPoint node)
    {
        var hello = HostilePeer.Hello("integration");
        var opening = HostilePeer.FirstFrameHeader(HostilePeer.StreamsInHello + 1, ushort.MaxValue);
        using var deadline = new CancellationTokenSource(ProgressTimeout + Generous);
        var clock = Stopwatch.StartNew();
        var closedAfter = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, SlowSenders).Select(async _ =>
        {
            using var socket = await HostilePeer.TryConnectAsync(node, deadline.Token) ?? throw new InvalidOperationException($"could not connect to {node}");
            Assert.True(await HostilePeer.TryHandshakeAsync(socket, hello, deadline.Token), "the node refused a slow sender's handshake");
            Assert.True(await HostilePeer.TrySendAsync(socket, opening, deadline.Token));
            var opened = clock.Elapsed;
            var closed = ReadUntilClosedAsync(socket, deadline.Token);
            while (!closed.IsCompleted)
            {
                if (!await HostilePeer.TrySendAsync(socket, [42], deadline.Token))
                {
                    break;
                }

                await Task.WhenAny(closed, Task.Delay(TimeSpan.FromSeconds(1), deadline.Token));
            }

            await closed;
            closedAfter.Add((clock.Elapsed - opened).TotalSeconds);
        }));

        var times = closedAfter.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"all {times.Count} closed by the node after {times[0]:0.0}-{times[^1]:0.0} s");
    }

    private static async Task ReadUntilClosedAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken) > 0)
            {
            }
        }
        catch (SocketException)
        {
            // Reset by the node: closed too.
        }
    }
}
