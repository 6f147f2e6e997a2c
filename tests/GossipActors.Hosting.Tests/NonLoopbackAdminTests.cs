using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using GossipActors.AdminClient.Contract;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>An IPv4 address of this machine that is not loopback: connecting to it from here makes a non-loopback client.</summary>
public static class NonLoopbackAddress
{
    public static IPAddress? Find() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}

/// <summary>A fact that needs <see cref="NonLoopbackAddress"/>: reported as skipped, with the reason, where there is none.</summary>
public sealed class NonLoopbackFactAttribute : FactAttribute
{
    public NonLoopbackFactAttribute()
    {
        if (NonLoopbackAddress.Find() is null)
        {
            Skip = "this machine has no non-loopback IPv4 address that is up, so no request can come from a non-loopback client";
        }
    }
}

/// <summary>Issue 13 item 4: an admin endpoint bound off loopback without a token warns, and only loopback clients may mutate.</summary>
public sealed class NonLoopbackAdminTests
{
    [Fact]
    public async Task Binding_a_wildcard_address_without_a_token_logs_a_warning_naming_the_setting()
    {
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs, configure: g => g.WithAdmin("0.0.0.0:0"));

        var warning = Assert.Single(logs.Lines, l => l.Message.Contains("non-loopback address without admin.token", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith($"admin endpoint {node.AdminAddress} is bound to a non-loopback address without admin.token", warning.Message, StringComparison.Ordinal);
        Assert.Contains("mutations (setphi, assassinate, decommission) are refused from every client but loopback ones", warning.Message, StringComparison.Ordinal);
        Assert.Contains("GOSSIP_ADMIN_TOKEN", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Binding_loopback_or_with_a_token_does_not_warn()
    {
        using var loopback = new CapturingLoggerProvider();
        await using (await TestNode.StartAsync(logs: loopback))
        {
        }

        using var withToken = new CapturingLoggerProvider();
        await using (await TestNode.StartAsync(logs: withToken, configure: g => g.WithAdmin("0.0.0.0:0").Set("admin.token", "\"a-token-long-enough-0001\"")))
        {
        }

        Assert.DoesNotContain(loopback.Lines, l => l.Message.Contains("non-loopback", StringComparison.Ordinal));
        Assert.DoesNotContain(withToken.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains("non-loopback", StringComparison.Ordinal));
        Assert.Contains(withToken.Lines, l => l.Message.Contains("every request must carry the admin token", StringComparison.Ordinal));
    }

    [NonLoopbackFact]
    public async Task Without_a_token_a_non_loopback_client_may_read_but_not_mutate()
    {
        var external = NonLoopbackAddress.Find()!;
        using var logs = new CapturingLoggerProvider();
        await using var node = await TestNode.StartAsync(logs: logs, configure: g => g.WithAdmin("0.0.0.0:0"));
        var port = node.AdminAddress[(node.AdminAddress.LastIndexOf(':') + 1)..];
        var remote = $"{external}:{port}";
        var before = (await node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold;

        var read = await AdminHttp.SendAsync(remote, HttpMethod.Get, AdminRoutes.Status);
        var mutation = await AdminHttp.SendAsync(remote, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 12, "confirm": true}""");
        var fromLoopback = await AdminHttp.SendAsync($"127.0.0.1:{port}", HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 12, "confirm": false}""");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, mutation.Status);
        Assert.Equal(
            $"POST /setphi from {external} refused: this node has no admin.token, so only loopback clients may change it; " +
            "set admin.token (or GOSSIP_ADMIN_TOKEN) on the node and pass gossipctl --token (nothing was changed)",
            mutation.Error);
        Assert.Equal(HttpStatusCode.BadRequest, fromLoopback.Status);
        Assert.Equal(before, (await node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold);
        Assert.Contains(logs.Lines, l => l.Message.StartsWith($"admin POST /setphi from {external}:", StringComparison.Ordinal) && l.Message.Contains(": 403 ", StringComparison.Ordinal));
    }

    [NonLoopbackFact]
    public async Task With_a_token_a_non_loopback_client_that_carries_it_may_mutate()
    {
        const string Token = "remote-operator-token-0042";
        var external = NonLoopbackAddress.Find()!;
        await using var node = await TestNode.StartAsync(configure: g => g.WithAdmin("0.0.0.0:0").Set("admin.token", $"\"{Token}\""));
        var remote = $"{external}:{node.AdminAddress[(node.AdminAddress.LastIndexOf(':') + 1)..]}";

        var without = await AdminHttp.SendAsync(remote, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 11, "confirm": true}""");
        var with = await AdminHttp.SendAsync(remote, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 11, "confirm": true}""", token: Token);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (without.Status, with.Status));
        Assert.Equal(11, (await node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold);
    }
}
