using System.Collections.Immutable;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Probe;

/// <summary>
/// The two sides of the seed-000 experiment. The sender proves small messages flow (echo round trips), then
/// sends one large gossip ACK; the listener answers every ACK with an EchoReply carrying its size, so the sender
/// knows the large message arrived.
/// </summary>
internal static class ProbeRoles
{
    public const long DeliveredMarker = 1_000_000_000;

    public static RemoteSettings Settings(ProbeOptions options) =>
        RemoteSettingsBinder.Bind(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $$"""
            remote {
              hostname = "{{options.Bind.Host}}"
              port = {{options.Bind.Port}}
              mtu = {{(options.Mtu is { } mtu ? mtu.ToString(System.Globalization.CultureInfo.InvariantCulture) : "auto")}}
              mtu-discovery = {{(options.Discovery ? "on" : "off")}}
              stall-timeout = {{(long)options.StallTimeout.TotalMilliseconds}}ms
              backoff { min = 100ms, max = 2s }
            }
            gossip.cluster-name = "probe"
            """)) with
        {
            HostId = Guid.NewGuid(),
            Generation = 1,
        };

    public static async Task<int> ListenAsync(ProbeOptions options, ILogger logger)
    {
        await using var listener = Listener.Start(Settings(options), logger, connection =>
        {
            connection.MessageReceived += (c, message) =>
            {
                switch (message)
                {
                    case Echo echo:
                        c.Send(new EchoReply(echo.Id));
                        break;
                    case GossipDigestAck ack:
                        var size = ack.States.Values.Sum(s => s.ApplicationStates.Values.Sum(v => v.Value.Length));
                        Console.WriteLine($"RECEIVED ack {size}");
                        c.Send(new EchoReply(DeliveredMarker + size));
                        break;
                }
            };
        });
        Console.WriteLine($"LISTENING {listener.LocalEndPoint}");
        await Task.Delay(options.Deadline);
        return 0;
    }

    public static async Task<int> SendAsync(ProbeOptions options, ILogger logger)
    {
        var settings = Settings(options);
        var dialer = new Dialer(settings, logger);
        var to = options.To ?? throw new ArgumentException("send needs --to");
        var smallReplies = 0;
        var delivered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var allSmall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var link = new OutboundLink(to, dialer, logger, new Random(6));
        link.MessageReceived += (_, message) =>
        {
            if (message is not EchoReply reply)
            {
                return;
            }

            if (reply.Id >= DeliveredMarker)
            {
                delivered.TrySetResult(reply.Id - DeliveredMarker);
            }
            else if (Interlocked.Increment(ref smallReplies) == options.SmallCount)
            {
                allSmall.TrySetResult();
            }
        };
        link.BlackHoleDetected += finding => Console.WriteLine($"FINDING {finding}");
        link.MtuDiscovered += mtu => Console.WriteLine($"DISCOVERED {mtu}");
        link.Start();

        using var deadline = new CancellationTokenSource(options.Deadline);
        try
        {
            for (var i = 0; i < options.SmallCount; i++)
            {
                link.Send(new Echo(i + 1));
            }

            await allSmall.Task.WaitAsync(deadline.Token);
            Console.WriteLine($"SMALL-OK {options.SmallCount}");
            link.Send(LargeAck(options.Bind, options.Size));
            var size = await delivered.Task.WaitAsync(deadline.Token);
            Console.WriteLine($"DELIVERED {size} clamp={link.Current?.ClampedMtu?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"TIMEOUT small={smallReplies} failure={link.LastFailure}");
            return 3;
        }
    }

    private static GossipDigestAck LargeAck(EndpointAddress self, int size)
    {
        var state = EndpointState.Create(new HeartBeatState(1, 2)).With("BLOB", new VersionedValue(new string('g', size), 2));
        return new GossipDigestAck(ImmutableArray<GossipDigest>.Empty, new Dictionary<EndpointAddress, EndpointState> { [self] = state });
    }
}
