using System.Net;
using System.Net.Sockets;
using GossipActors.Cli;
using LocalCluster;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class LocalClusterTests
{
    [Fact]
    public void A_base_port_gives_each_node_a_gossip_and_an_admin_port_in_turn()
    {
        var basePort = FreeRangeStart(6);

        var ports = NodePorts.Allocate(3, basePort);

        Assert.Equal(
            [new NodePorts(basePort, basePort + 1), new NodePorts(basePort + 2, basePort + 3), new NodePorts(basePort + 4, basePort + 5)],
            ports);
    }

    [Fact]
    public void A_busy_port_in_the_range_is_named()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var error = Assert.Throws<LocalClusterException>(() => NodePorts.Allocate(1, port));

        Assert.StartsWith($"port 127.0.0.1:{port} is not available", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_beyond_65535_is_refused()
    {
        var error = Assert.Throws<LocalClusterException>(() => NodePorts.Allocate(3, 65533));
        Assert.Contains("65533-65538", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Os_chosen_ports_are_all_distinct()
    {
        var ports = NodePorts.Allocate(5, basePort: null);

        Assert.Equal(10, ports.SelectMany(p => new[] { p.Gossip, p.Admin }).Distinct().Count());
    }

    [Fact]
    public async Task A_node_that_fails_at_start_up_is_named_with_its_exit_code_and_log_tail()
    {
        // Any program that rejects the node's arguments is a node that fails at start-up; gossipctl
        // rejects --listen with a one-line error and exit code 2, which must then show up in the log tail.
        var failingNode = typeof(GossipCtl).Assembly.Location;
        var options = new LocalClusterOptions(2, ExitWhenConverged: true, TimeSpan.FromSeconds(60), KillOne: false, BasePort: null, failingNode, "local");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new ClusterRun(options, output, error).RunAsync(CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Matches(@"LocalCluster: node \d \(127\.0\.0\.1:\d+\) exited with code 2 before the cluster converged", error.ToString());
        Assert.Contains("gossipctl: Unrecognized command or argument '--listen'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("stopped", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_node_dll_is_one_clear_error()
    {
        var options = new LocalClusterOptions(1, ExitWhenConverged: true, TimeSpan.FromSeconds(5), KillOne: false, BasePort: null, "/nonexistent/GossipActors.Node.dll", "local");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new ClusterRun(options, output, error).RunAsync(CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Equal("LocalCluster: --node-dll points at '/nonexistent/GossipActors.Node.dll', which does not exist\n", error.ToString().ReplaceLineEndings("\n"));
    }

    // A start port whose next `count` ports are free right now (the OS's pick plus its neighbours, retried).
    private static int FreeRangeStart(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var start = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (start + count <= 65535 && Enumerable.Range(start, count).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free loopback ports found");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
