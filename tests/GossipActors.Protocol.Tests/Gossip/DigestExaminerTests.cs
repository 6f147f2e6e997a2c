using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Gossip;

public sealed class DigestExaminerTests
{
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);
    private static readonly EndpointAddress B = new("10.0.0.2", 7000);
    private static readonly EndpointAddress C = new("10.0.0.3", 7000);
    private static readonly EndpointAddress D = new("10.0.0.4", 7000);
    private static readonly EndpointAddress E = new("10.0.0.5", 7000);

    [Fact]
    public void Same_generation_and_version_needs_nothing() =>
        Assert.Equal(ExamineAction.Nothing, DigestExaminer.Decide(new HeartBeatState(5, 10), 12, new GossipDigest(A, 5, 12)));

    [Fact]
    public void Unknown_endpoint_is_requested_in_full() =>
        Assert.Equal(ExamineAction.RequestAll, DigestExaminer.Decide(null, 0, new GossipDigest(A, 5, 12)));

    [Fact]
    public void Newer_remote_generation_is_requested_in_full_even_with_lower_version() =>
        Assert.Equal(ExamineAction.RequestAll, DigestExaminer.Decide(new HeartBeatState(5, 900), 900, new GossipDigest(A, 6, 1)));

    [Fact]
    public void Newer_local_generation_sends_everything_even_with_lower_version() =>
        Assert.Equal(ExamineAction.SendAll, DigestExaminer.Decide(new HeartBeatState(6, 1), 3, new GossipDigest(A, 5, 900)));

    [Fact]
    public void Same_generation_higher_remote_version_requests_newer() =>
        Assert.Equal(ExamineAction.RequestNewer, DigestExaminer.Decide(new HeartBeatState(5, 10), 12, new GossipDigest(A, 5, 20)));

    [Fact]
    public void Same_generation_lower_remote_version_sends_newer() =>
        Assert.Equal(ExamineAction.SendNewer, DigestExaminer.Decide(new HeartBeatState(5, 10), 12, new GossipDigest(A, 5, 11)));

    [Fact]
    public void Examine_builds_requests_and_states_per_rule()
    {
        var table = new ClusterStateTable();
        table.Set(A, State(5, 10, ("LOAD", "1", 8), ("DC", "dc1", 2)), 0); // remote knows up to 8
        table.Set(B, State(5, 10), 0);                                     // remote has version 20
        table.Set(C, State(7, 3, ("DC", "dc2", 1)), 0);                     // remote has an older generation
        table.Set(D, State(5, 10), 0);                                     // remote has a newer generation
        var digests = new[]
        {
            new GossipDigest(A, 5, 8),
            new GossipDigest(B, 5, 20),
            new GossipDigest(C, 6, 50),
            new GossipDigest(D, 6, 1),
            new GossipDigest(E, 9, 4),
        };

        var ack = DigestExaminer.Examine(table, digests);

        Assert.Equal([new GossipDigest(B, 5, 10), new GossipDigest(D, 6, 0), new GossipDigest(E, 9, 0)], ack.Requests);
        Assert.Equal(2, ack.States.Count);
        // Only what is newer than 8: the heartbeat (10) rides along; LOAD@8 and DC@2 are not sent.
        Assert.Equal(new HeartBeatState(5, 10), ack.States[A].HeartBeat);
        Assert.Empty(ack.States[A].ApplicationStates);
        // Local generation newer: everything.
        Assert.Equal(State(7, 3, ("DC", "dc2", 1)), ack.States[C]);
    }

    [Fact]
    public void State_newer_than_version_carries_heartbeat_with_any_application_state()
    {
        var table = new ClusterStateTable();
        table.Set(A, State(5, 4, ("LOAD", "1", 8), ("DC", "dc1", 2), ("RACK", "r1", 6)), 0);

        var delta = table.StateNewerThan(A, 5)!;

        Assert.Equal(new HeartBeatState(5, 4), delta.HeartBeat); // older than 5, but it travels with LOAD
        Assert.Equal(["LOAD", "RACK"], delta.ApplicationStates.Keys);
        Assert.Null(table.StateNewerThan(A, 8));
        Assert.Equal(8, table.MaxVersionOf(A));
    }

    [Fact]
    public void Ack2_answers_each_request_with_newer_states()
    {
        var table = new ClusterStateTable();
        table.Set(A, State(5, 10, ("LOAD", "1", 8)), 0);
        table.Set(B, State(3, 2), 0);

        var ack2 = DigestExaminer.BuildAck2(table, [new GossipDigest(A, 5, 9), new GossipDigest(B, 3, 0), new GossipDigest(C, 1, 0)]);

        Assert.Equal(new HeartBeatState(5, 10), ack2.States[A].HeartBeat);
        Assert.Empty(ack2.States[A].ApplicationStates);
        Assert.Equal(State(3, 2), ack2.States[B]);
        Assert.False(ack2.States.ContainsKey(C));
    }

    [Fact]
    public void Digests_cover_every_endpoint_in_address_order()
    {
        var table = new ClusterStateTable();
        table.Set(C, State(1, 1), 0);
        table.Set(A, State(2, 5, ("X", "y", 7)), 0);

        Assert.Equal([new GossipDigest(A, 2, 7), new GossipDigest(C, 1, 1)], table.BuildDigests());
    }

    [Fact]
    public void Quarantined_endpoints_are_neither_requested_nor_sent()
    {
        var table = new ClusterStateTable();
        table.Set(A, State(5, 10), 0);

        var ack = DigestExaminer.Examine(table, [new GossipDigest(A, 5, 1), new GossipDigest(B, 5, 1)], endpoint => true);

        Assert.Empty(ack.Requests);
        Assert.Empty(ack.States);
    }

    internal static EndpointState State(int generation, int version, params (string Key, string Value, int Version)[] states)
    {
        var state = EndpointState.Create(new HeartBeatState(generation, version));
        foreach (var (key, value, v) in states)
        {
            state = state.With(key, new VersionedValue(value, v));
        }

        return state;
    }
}
