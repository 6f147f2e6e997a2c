using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Configuration;
using GossipActors.Akka;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Transport;

namespace GossipActors.Remote.Tests;

/// <summary>ActorSystems that talk over the gtcp transport on loopback, each on a free port.</summary>
internal static class GtcpSystems
{
    public static ActorSystem Create(string name = "gossip", string cluster = "test", string extra = "") => ActorSystem.Create(name, Config(cluster, extra));

    /// <summary>A gtcp system listening on <paramref name="port"/>: a node restarted on the address it had.</summary>
    public static ActorSystem CreateOn(int port, string name = "gossip") => ActorSystem.Create(name, Config(port));

    /// <summary>A gtcp system's configuration on a fresh free port, for a TestKit to create its own system with.</summary>
    public static Config Config(string cluster = "test", string extra = "") => Config(FreePort(), cluster, extra);

    private static Config Config(int port, string cluster = "test", string extra = "") => ConfigurationFactory.ParseString(string.Create(
            CultureInfo.InvariantCulture,
            $$"""
            akka.actor.provider = remote
            akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            remote { hostname = "127.0.0.1", port = {{port}} }
            gossip.cluster-name = "{{cluster}}"
            {{extra}}
            """)).WithFallback(GossipExtension.DefaultConfig);

    public static GossipTcpTransport Transport(ActorSystem system) =>
        GossipTcpTransport.For(system) ?? throw new InvalidOperationException($"{system.Name} runs no gtcp transport");

    public static EndpointAddress Endpoint(ActorSystem system) => Transport(system).Settings.Address;

    /// <summary>The path of <paramref name="actor"/> as <paramref name="from"/> reaches it over gtcp.</summary>
    public static ActorSelection Remote(ActorSystem from, ActorSystem owner, string actor) =>
        from.ActorSelection(new RootActorPath(Transport(owner).LocalAddress) / "user" / actor);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
