using Akka.Actor;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>Mutual TLS and compression apply to the application's own Akka messages over gtcp, as to gossip.</summary>
public sealed class GtcpSecurityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtcp-tls-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Two_systems_with_certificates_from_the_cluster_ca_exchange_a_100_kilobyte_message_over_mutual_tls()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        var a = GtcpSystems.Create(extra: TestCertificates.WriteNodePemConfig(ca, Path.Combine(_directory, "a"), "node-a"));
        var b = GtcpSystems.Create(extra: TestCertificates.WriteNodePemConfig(ca, Path.Combine(_directory, "b"), "node-b"));
        try
        {
            await GtcpDelivery.AssertDeliveredAsync(a, b);
            Assert.True(GtcpSystems.Transport(a).Settings.Tls.Enabled);
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    [Fact]
    public async Task A_plaintext_system_cannot_reach_a_tls_one_and_is_told_why()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        var secure = GtcpSystems.Create(extra: TestCertificates.WriteNodePemConfig(ca, Path.Combine(_directory, "s"), "node-s"));
        var plain = GtcpSystems.Create();
        try
        {
            var failed = await GtcpDelivery.FirstDialFailureAsync(plain, secure);
            Assert.Equal(GtcpSystems.Endpoint(secure), failed.Peer);
            Assert.Contains("TlsRequired", failed.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await secure.Terminate();
            await plain.Terminate();
        }
    }

    [Fact]
    public async Task With_compression_on_both_a_100_kilobyte_message_arrives_in_fewer_bytes_than_it_has()
    {
        var a = GtcpSystems.Create(extra: "remote.compression = all");
        var b = GtcpSystems.Create(extra: "remote.compression = all");
        try
        {
            await GtcpDelivery.AssertDeliveredAsync(a, b);
            Assert.True(GtcpSystems.Transport(a).Counters.BytesSent < 100_000, $"{GtcpSystems.Transport(a).Counters.BytesSent} bytes sent");
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
