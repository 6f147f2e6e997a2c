using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Tls;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class TlsTests
{
    private static readonly TlsSettings On = new(true);

    [Fact]
    public async Task Peers_with_certificates_from_the_cluster_ca_talk_over_mutual_tls()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { Tls = On }, TestCertificates.Node(ca, "node-a"));
        var dialer = new Dialer(LoopbackNode.SettingsFor() with { Tls = On }, new ListLogger(), TestCertificates.Node(ca, "node-b"));

        await using var connection = await dialer.ConnectAsync(node.Address);
        connection.Send(new Echo(5));

        Assert.True(await Eventually.HoldsAsync(() => node.Received.Contains(new Echo(5))));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_and_the_reason_logged()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        using var rogueCa = TestCertificates.CreateAuthority("rogue-ca");
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { Tls = On }, TestCertificates.Node(ca, "node-a"));
        // The rogue client trusts the cluster CA (so it accepts the server) but its own certificate is not from it.
        var dialer = new Dialer(LoopbackNode.SettingsFor() with { Tls = On }, new ListLogger(), TestCertificates.Node(rogueCa, "rogue", trusted: ca));

        await Assert.ThrowsAnyAsync<IOException>(() => dialer.ConnectAsync(node.Address));

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("refused TLS connection from 127.0.0.1:")), string.Join('\n', node.Log.Lines));
        Assert.True(node.Log.Contains("'CN=rogue' is not signed by the configured CA"));
        Assert.Empty(node.Accepted);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_is_refused_by_the_dialer()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        using var rogueCa = TestCertificates.CreateAuthority("rogue-ca");
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { Tls = On }, TestCertificates.Node(rogueCa, "rogue", trusted: ca));
        var log = new ListLogger();
        var dialer = new Dialer(LoopbackNode.SettingsFor() with { Tls = On }, log, TestCertificates.Node(ca, "node-b"));

        var error = await Assert.ThrowsAnyAsync<IOException>(() => dialer.ConnectAsync(node.Address));

        Assert.Contains("TLS handshake with 127.0.0.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plaintext_client_on_a_tls_port_is_refused_with_a_clear_reason_on_both_sides_and_the_listener_keeps_working()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { Tls = On }, TestCertificates.Node(ca, "node-a"));
        var plainLog = new ListLogger();

        var error = await Assert.ThrowsAsync<HandshakeRejectedException>(() => new Dialer(LoopbackNode.SettingsFor(), plainLog).ConnectAsync(node.Address));

        Assert.Equal(RejectReason.TlsRequired, error.Rejection!.Reason);
        Assert.True(plainLog.Contains("refused our connection: TlsRequired (theirs 'tls', ours 'plaintext')"));
        Assert.True(node.Log.Contains("refused plaintext connection from 127.0.0.1:"));
        await using var good = await new Dialer(LoopbackNode.SettingsFor() with { Tls = On }, new ListLogger(), TestCertificates.Node(ca, "node-b")).ConnectAsync(node.Address);
        Assert.True(good.IsOpen);
    }

    [Fact]
    public async Task A_tls_client_on_a_plaintext_port_is_refused_and_told_why()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        var dialer = new Dialer(LoopbackNode.SettingsFor() with { Tls = On }, new ListLogger(), TestCertificates.Node(ca, "node-b"));

        var error = await Assert.ThrowsAnyAsync<IOException>(() => dialer.ConnectAsync(node.Address));

        Assert.Contains("is remote.tls enabled there", error.Message, StringComparison.Ordinal);
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("remote.tls is off on this node")));
    }

    [Fact]
    public void Pem_files_load_and_a_missing_ca_is_named()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        var directory = Directory.CreateTempSubdirectory("gossipactors-tls-");
        try
        {
            using var material = TlsMaterial.Load(TestCertificates.WritePem(ca, directory.FullName));
            Assert.Equal("CN=pem-node", material.Certificate.Subject);
            Assert.True(material.Certificate.HasPrivateKey);
            Assert.True(material.Validate(material.Certificate, System.Net.Security.SslPolicyErrors.None, out _));
            var error = Assert.Throws<InvalidOperationException>(() => TlsMaterial.Load(new TlsSettings(true, "x.pem", "x.key", null)));
            Assert.Contains("remote.tls.ca", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
