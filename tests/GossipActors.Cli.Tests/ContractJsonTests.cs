using System.Text.Json;
using GossipActors.AdminClient.Contract;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class ContractJsonTests
{
    [Fact]
    public void Status_fixture_reads_enums_infinity_and_nulls()
    {
        var status = JsonSerializer.Deserialize(FakeAdminServer.Fixture("status"), AdminJsonContext.Default.StatusResponse)!;

        Assert.Equal("local", status.ClusterName);
        var dead = status.Endpoints.Single(e => e.Address == "127.0.0.1:10000");
        Assert.Equal(Liveness.Down, dead.Status);
        Assert.Equal(double.PositiveInfinity, dead.Phi);
        Assert.Equal("DN", dead.Code);
        var local = status.Endpoints.Single(e => e.IsLocal);
        Assert.Null(local.Phi);
        Assert.Equal("UL", status.Endpoints.Single(e => e.Address == "127.0.0.1:7002").Code);
        Assert.Null(status.Endpoints.Single(e => e.Address == "10.0.0.9:7000").LoadBytes);
    }

    [Fact]
    public void Enums_are_written_as_their_contract_strings_and_names_are_camel_case()
    {
        var endpoint = new EndpointStatus("127.0.0.1:7000", Liveness.Down, MembershipState.Shutdown, "dc1", "r1", "h", 1, double.PositiveInfinity, 5, 6, false);
        var json = JsonSerializer.Serialize(new StatusResponse("c", "127.0.0.1:7000", [endpoint]), AdminJsonContext.Default.StatusResponse);

        Assert.Contains("\"status\":\"DOWN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"SHUTDOWN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"phi\":\"Infinity\"", json, StringComparison.Ordinal);
        Assert.Contains("\"heartbeatVersion\":6", json, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"DS\"", json, StringComparison.Ordinal);

        var back = JsonSerializer.Deserialize(json, AdminJsonContext.Default.StatusResponse)!;
        Assert.Equal(endpoint, back.Endpoints[0]);
    }

    [Fact]
    public void Mutation_requests_carry_confirm_and_force()
    {
        Assert.Equal(
            """{"endpoint":"127.0.0.1:7004","confirm":true,"force":false}""",
            JsonSerializer.Serialize(new AssassinateRequest("127.0.0.1:7004", true, false), AdminJsonContext.Default.AssassinateRequest));
        Assert.Equal(
            """{"value":12.5,"confirm":false}""",
            JsonSerializer.Serialize(new SetPhiRequest(12.5, false), AdminJsonContext.Default.SetPhiRequest));
        Assert.Equal(
            """{"confirm":true}""",
            JsonSerializer.Serialize(new DecommissionRequest(true), AdminJsonContext.Default.DecommissionRequest));
    }

    [Theory]
    [InlineData("gossipinfo")]
    [InlineData("failuredetector")]
    [InlineData("describecluster")]
    [InlineData("tpstats")]
    [InlineData("health")]
    [InlineData("setphi")]
    [InlineData("assassinate")]
    [InlineData("decommission")]
    public void Every_fixture_matches_the_contract(string name)
    {
        var json = FakeAdminServer.Fixture(name);
        object? value = name switch
        {
            "gossipinfo" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.GossipInfoResponse),
            "failuredetector" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.FailureDetectorResponse),
            "describecluster" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.DescribeClusterResponse),
            "tpstats" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.TpStatsResponse),
            "health" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.HealthResponse),
            "setphi" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.SetPhiResponse),
            "assassinate" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.AssassinateResponse),
            "decommission" => JsonSerializer.Deserialize(json, AdminJsonContext.Default.DecommissionResponse),
            _ => null,
        };

        Assert.NotNull(value);
    }
}
