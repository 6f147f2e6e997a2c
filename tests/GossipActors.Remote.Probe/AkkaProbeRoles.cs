using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using GossipActors.Akka;
using GossipActors.Gossip.Logging;
using GossipActors.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Probe;

/// <summary>
/// The seed-000 experiment one level up: two ActorSystems over the gtcp transport, an application actor sending a
/// large message to an actor on the other host. The listener's <c>inbox</c> answers every string with its length;
/// the sender proves small messages pass, then sends the large one and waits for its length to come back.
/// </summary>
internal static class AkkaProbeRoles
{
    private const string SystemName = "probe";

    public static async Task<int> ListenAsync(ProbeOptions options, ILoggerFactory loggers)
    {
        var system = Create(options, loggers);
        system.ActorOf(Props.Create(() => new Inbox()), "inbox");
        Console.WriteLine($"LISTENING {GossipTcpTransport.For(system)!.LocalAddress}");
        await Task.Delay(options.Deadline);
        await system.Terminate();
        return 0;
    }

    public static async Task<int> SendAsync(ProbeOptions options, ILoggerFactory loggers)
    {
        var system = Create(options, loggers);
        var to = options.To ?? throw new ArgumentException("akka-send needs --to");
        var transport = GossipTcpTransport.For(system)!;
        var inbox = system.ActorSelection(new RootActorPath(transport.AddressOf(to)) / "user" / "inbox");
        var events = system.ActorOf(Props.Create(() => new EventPrinter()), "events");
        system.EventStream.Subscribe(events, typeof(PeerBlackHoled));
        system.EventStream.Subscribe(events, typeof(PathMtuDiscovered));
        using var deadline = new CancellationTokenSource(options.Deadline);
        try
        {
            for (var i = 0; i < options.SmallCount; i++)
            {
                await AskLengthAsync(inbox, new string('s', 100), deadline.Token);
            }

            Console.WriteLine($"SMALL-OK {options.SmallCount}");
            // Sent once: it must cross the black hole by itself (the transport resends what the stall may have lost).
            var size = await inbox.Ask<int>(new string('L', options.Size), Timeout.InfiniteTimeSpan, deadline.Token);
            Console.WriteLine($"DELIVERED {size}");
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("TIMEOUT");
            return 3;
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>Asks until answered: the first small ones may be lost while the association forms.</summary>
    private static async Task<int> AskLengthAsync(ActorSelection inbox, string message, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await inbox.Ask<int>(message, TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (AskTimeoutException)
            {
                // Asked again below: one attempt lost to an association that was not up yet.
            }
        }
    }

    private static ActorSystem Create(ProbeOptions options, ILoggerFactory loggers)
    {
        var mtu = options.Mtu is { } value ? value.ToString(CultureInfo.InvariantCulture) : "auto";
        var config = ConfigurationFactory.ParseString(string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            akka.actor.provider = remote
            akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]
            akka.loglevel = INFO
            remote {
              hostname = "{{options.Bind.Host}}"
              port = {{options.Bind.Port}}
              mtu = {{mtu}}
              mtu-discovery = {{(options.Discovery ? "on" : "off")}}
              stall-timeout = {{(long)options.StallTimeout.TotalMilliseconds}}ms
            }
            gossip.cluster-name = "probe"
            """)).WithFallback(GossipExtension.DefaultConfig);
        return ActorSystem.Create(SystemName, global::Akka.Actor.BootstrapSetup.Create().WithConfig(config).And(new LoggerFactorySetup(loggers)));
    }

    private sealed class Inbox : ReceiveActor
    {
        public Inbox() => Receive<string>(text =>
        {
            if (text.Length > 1000)
            {
                Console.WriteLine($"RECEIVED {text.Length}");
            }

            Sender.Tell(text.Length);
        });
    }

    private sealed class EventPrinter : ReceiveActor
    {
        public EventPrinter()
        {
            Receive<PeerBlackHoled>(b => Console.WriteLine($"FINDING {b.Finding}"));
            Receive<PathMtuDiscovered>(m => Console.WriteLine($"DISCOVERED {m.Mtu}"));
        }
    }
}
