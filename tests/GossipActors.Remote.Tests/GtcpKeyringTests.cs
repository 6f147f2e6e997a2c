using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>remote.keyring between two ActorSystems over gtcp: the application's own messages, and key rotation.</summary>
public sealed class GtcpKeyringTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gtcp-keyring-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_keyring_combines_with_mutual_tls()
    {
        using var ca = TestCertificates.CreateAuthority("cluster-ca");
        var a = GtcpSystems.Create(extra: TestCertificates.WriteNodePemConfig(ca, Path.Combine(_directory, "a"), "node-a") + "\n" + TestKeys.Keyring([TestKeys.K1]));
        var b = GtcpSystems.Create(extra: TestCertificates.WriteNodePemConfig(ca, Path.Combine(_directory, "b"), "node-b") + "\n" + TestKeys.Keyring([TestKeys.K1]));
        try
        {
            await GtcpDelivery.AssertDeliveredAsync(a, b);
            Assert.True(GtcpSystems.Transport(a).Settings.Tls.Enabled);
            Assert.NotNull(GtcpSystems.Transport(a).Settings.Keyring);
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    [Fact]
    public async Task Two_systems_with_the_same_key_exchange_a_100_kilobyte_message_compressed_then_sealed()
    {
        var a = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1]) + "\nremote.compression = all");
        var b = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1]) + "\nremote.compression = all");
        try
        {
            await GtcpDelivery.AssertDeliveredAsync(a, b);
            Assert.Equal(TestKeys.Fingerprint(TestKeys.K1), GtcpSystems.Transport(a).Settings.Keyring!.PrimaryFingerprint);
            Assert.True(GtcpSystems.Transport(a).Counters.BytesSent < 100_000, $"{GtcpSystems.Transport(a).Counters.BytesSent} bytes sent");
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    [Fact]
    public async Task A_system_with_another_key_cannot_reach_and_is_told_there_is_no_shared_key()
    {
        var a = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K2]));
        var b = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1]));
        try
        {
            var failed = await GtcpDelivery.FirstDialFailureAsync(a, b);

            Assert.Equal(GtcpSystems.Endpoint(b), failed.Peer);
            Assert.Contains("NoSharedKey", failed.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.K1, failed.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    [Fact]
    public async Task Rotation_a_node_using_the_old_key_reaches_one_that_has_both_keys_and_uses_the_new_one_but_not_one_with_only_the_new_key()
    {
        var a = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1, TestKeys.K2], primary: TestKeys.K1));
        var onlyNew = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K2]));
        try
        {
            var failed = await GtcpDelivery.FirstDialFailureAsync(a, onlyNew);
            Assert.Contains("NoSharedKey", failed.Reason, StringComparison.Ordinal);
        }
        finally
        {
            await onlyNew.Terminate();
        }

        // Primary named by fingerprint, as an operator copies it from the log instead of repeating the key.
        var b = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1, TestKeys.K2], primary: TestKeys.Fingerprint(TestKeys.K2)));
        try
        {
            await GtcpDelivery.AssertDeliveredAsync(a, b);
            await GtcpDelivery.AssertDeliveredAsync(b, a);
            Assert.Equal(TestKeys.Fingerprint(TestKeys.K2), GtcpSystems.Transport(b).Settings.Keyring!.PrimaryFingerprint);
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
