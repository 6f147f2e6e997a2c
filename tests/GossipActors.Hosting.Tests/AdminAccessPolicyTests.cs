using System.Net;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Configuration;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The admin endpoint's access rules as pure functions: the forms of Host, Origin and Authorization.</summary>
public sealed class AdminAccessPolicyTests
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly IPAddress Lan = IPAddress.Parse("10.1.2.3");

    [Theory]
    [InlineData("127.0.0.1:7199", "127.0.0.1", true)]
    [InlineData("127.0.0.2", "127.0.0.1", true)]
    [InlineData("localhost", "127.0.0.1", true)]
    [InlineData("[::1]:7199", "127.0.0.1", true)]
    [InlineData("[::ffff:127.0.0.1]:7199", "127.0.0.1", true)]
    [InlineData("evil.example:7199", "127.0.0.1", false)]
    [InlineData("localhost.evil.example", "127.0.0.1", false)]
    [InlineData("10.1.2.3:7199", "10.1.2.3", true)]
    [InlineData("localhost:7199", "10.1.2.3", false)]
    [InlineData("127.0.0.1:7199", "10.1.2.3", false)]
    [InlineData("10.9.9.9:7199", "10.1.2.3", false)]
    [InlineData("ops.example:7199", "10.1.2.3", true)]
    [InlineData("OPS.Example.:7199", "10.1.2.3", true)]
    [InlineData("node1.example", "10.1.2.3", true)]
    [InlineData("192.0.2.50", "10.1.2.3", true)]
    [InlineData("ops.example:x", "10.1.2.3", false)]
    [InlineData("::1", "127.0.0.1", false)]
    [InlineData("", "127.0.0.1", false)]
    public void The_host_header_must_name_this_endpoint(string host, string local, bool accepted)
    {
        var bound = IPAddress.Parse(local);
        var policy = Policy(hostname: "node1.example", allowedHosts: "[\"ops.example\", \"192.0.2.50\"]", bound: bound);

        var refusal = policy.CheckAccess(Get(host, local: bound));

        Assert.Equal(accepted, refusal is null);
        if (!accepted)
        {
            Assert.Equal(403, refusal!.Status);
        }
    }

    [Fact]
    public void A_wildcard_bind_answers_to_the_address_the_request_arrived_on()
    {
        var policy = Policy(bound: IPAddress.Any);

        Assert.Null(policy.CheckAccess(Get("10.1.2.3:7199", local: Lan)));
        Assert.Null(policy.CheckAccess(Get("localhost:7199", local: Loopback)));
        Assert.NotNull(policy.CheckAccess(Get("10.1.2.4:7199", local: Lan)));
        Assert.False(policy.IsLoopbackOnly);
        Assert.True(Policy(bound: IPAddress.IPv6Loopback).IsLoopbackOnly);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7199", true)]
    [InlineData("HTTP://127.0.0.1:7199", true)]
    [InlineData("http://127.0.0.1:7198", false)]
    [InlineData("http://127.0.0.1", false)]
    [InlineData("https://127.0.0.1:7199", false)]
    [InlineData("http://localhost:7199", false)]
    [InlineData("http://evil.example", false)]
    [InlineData("null", false)]
    [InlineData("", false)]
    public void An_origin_must_be_the_page_of_this_very_host(string origin, bool accepted)
    {
        var refusal = Policy().CheckAccess(Get("127.0.0.1:7199") with { Origin = origin });

        Assert.Equal(accepted, refusal is null);
    }

    [Theory]
    [InlineData(null, "requires a token")]
    [InlineData("Basic dXNlcjpwYXNz", "must be 'Bearer TOKEN'")]
    [InlineData("Bearer", "must be 'Bearer TOKEN'")]
    [InlineData("Bearer secret-secret-secret-2", "does not match")]
    [InlineData("Bearer secret-secret-secret-", "does not match")]
    [InlineData("Bearer secret-secret-secret-1", null)]
    [InlineData("bearer   secret-secret-secret-1 ", null)]
    public void With_a_token_every_request_must_carry_it_as_a_bearer(string? authorization, string? problem)
    {
        var policy = Policy(token: "secret-secret-secret-1");

        var refusal = policy.CheckAccess(Get("127.0.0.1:7199") with { Authorization = authorization });

        if (problem is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Equal(401, refusal!.Status);
            Assert.True(refusal.Challenge);
            Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("application/json", 40L, null)]
    [InlineData("Application/JSON; charset=UTF-8", 40L, null)]
    [InlineData("application/json; charset=latin1", 40L, 415)]
    [InlineData("text/json", 40L, 415)]
    [InlineData("application/json", 16385L, 413)]
    [InlineData("application/json", 16384L, null)]
    public void A_mutation_needs_json_within_the_body_limit(string contentType, long length, int? status)
    {
        var refusal = Policy().CheckMutation(Get("127.0.0.1:7199") with { Method = "POST", ContentType = contentType, ContentLength = length });

        Assert.Equal(status, refusal?.Status);
    }

    [Fact]
    public void Without_a_token_only_loopback_clients_may_mutate_and_with_one_anyone_carrying_it()
    {
        var post = Get("10.1.2.3:7199", local: Lan) with { Method = "POST", ContentType = "application/json", Client = IPAddress.Parse("10.1.2.9") };

        var refusal = Policy(bound: IPAddress.Any).CheckMutation(post);

        Assert.Equal(403, refusal?.Status);
        Assert.StartsWith("POST /setphi from 10.1.2.9 refused: this node has no admin.token", refusal!.Message, StringComparison.Ordinal);
        Assert.Null(Policy(bound: IPAddress.Any).CheckMutation(post with { Client = IPAddress.Parse("::ffff:127.0.0.1") }));
        Assert.Null(Policy(bound: IPAddress.Any, token: "secret-secret-secret-1").CheckMutation(post));
        Assert.Null(Policy(bound: IPAddress.Any).CheckMutation(post with { Method = "GET" }));
    }

    private static AdminRequestFacts Get(string host, IPAddress? local = null) =>
        new("GET", "/setphi", host, null, null, null, null, local ?? Loopback, local ?? Loopback);

    private static AdminAccessPolicy Policy(string hostname = "127.0.0.1", string allowedHosts = "[]", string token = "", IPAddress? bound = null)
    {
        var configuration = NodeConfiguration.Load(null, null, [
            new ConfigOverride("admin.hostname", $"\"{hostname}\"", "test"),
            new ConfigOverride("admin.allowed-hosts", allowedHosts, "test"),
            new ConfigOverride("admin.token", $"\"{token}\"", "test"),
        ]);
        return new AdminAccessPolicy(AdminSettings.Bind(configuration), bound ?? Loopback);
    }
}
