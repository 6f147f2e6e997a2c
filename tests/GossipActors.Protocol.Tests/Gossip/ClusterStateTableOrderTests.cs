using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>The table keeps address order however endpoints arrive, and lookups stay right after it reorders.</summary>
public sealed class ClusterStateTableOrderTests
{
    [Theory]
    [InlineData(0)] // local endpoint first, then a sorted bulk load: the two-run merge, short run first
    [InlineData(1)] // a sorted bulk load, then a few stragglers: the two-run merge, short run last
    [InlineData(2)] // arbitrary order: the general sort
    public void Digests_come_out_in_address_order_and_every_endpoint_is_found(int arrival)
    {
        var random = new Random(42 + arrival);
        var endpoints = Enumerable.Range(0, 300).Select(i => new EndpointAddress($"10.0.{i / 256}.{i % 256}", 7000)).ToList();
        var sorted = endpoints.OrderBy(e => e).ToList();
        var order = arrival switch
        {
            0 => [sorted[150], .. sorted.Where((_, i) => i != 150)],
            1 => [.. sorted.Where((_, i) => i % 50 != 7), .. sorted.Where((_, i) => i % 50 == 7)],
            _ => endpoints.OrderBy(_ => random.Next()).ToList(),
        };

        var table = new ClusterStateTable();
        foreach (var endpoint in order)
        {
            table.Set(endpoint, EndpointState.Create(new HeartBeatState(1, endpoint.Host.Length)), 0);
        }

        Assert.Equal(sorted, table.BuildDigests().Select(d => d.Endpoint));
        Assert.Equal(sorted, table.Endpoints);
        foreach (var endpoint in endpoints)
        {
            Assert.Equal(new HeartBeatState(1, endpoint.Host.Length), table.HeartBeatOf(endpoint));
        }

        Assert.True(table.Remove(sorted[10]));
        Assert.Equal(sorted.Where((_, i) => i != 10), table.BuildDigests().Select(d => d.Endpoint));
        Assert.Null(table.HeartBeatOf(sorted[10]));
        Assert.Equal(new HeartBeatState(1, sorted[299].Host.Length), table.HeartBeatOf(sorted[299]));

        // A sparse, sorted request list walks the cursor (look-ahead and hashing fall-back alike).
        var requests = sorted.Where((_, i) => i % 37 == 1 || i > 290).Select(e => new GossipDigest(e, 1, 0)).ToList();
        var ack2 = DigestExaminer.BuildAck2(table, requests);
        Assert.Equal(requests.Select(r => r.Endpoint), ack2.States.Keys);
    }
}
