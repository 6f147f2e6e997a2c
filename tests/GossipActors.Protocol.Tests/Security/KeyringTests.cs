using GossipActors.Protocol.Security;
using Xunit;

namespace GossipActors.Protocol.Tests.Security;

public sealed class KeyringTests
{
    [Theory]
    [InlineData(15)]
    [InlineData(31)]
    [InlineData(64)]
    public void A_key_of_another_length_than_serfs_is_refused_with_its_position(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => new Keyring([new byte[16], new byte[length]], 0));

        Assert.Contains($"key 2 is {length} bytes; a key is 16, 24 or 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_key_twice_is_refused_naming_it_by_fingerprint_only()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var error = Assert.Throws<ArgumentException>(() => new Keyring([key, key.ToArray()], 0));

        Assert.Contains(Keyring.Fingerprint(key), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(key), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_names_keys_by_fingerprint_and_marks_the_primary()
    {
        var k1 = Enumerable.Repeat((byte)1, 32).ToArray();
        var k2 = Enumerable.Repeat((byte)2, 16).ToArray();
        var ring = new Keyring([k1, k2], 1);

        Assert.Equal($"2 keys: {Keyring.Fingerprint(k1)}, {Keyring.Fingerprint(k2)} (primary)", ring.ToString());
        Assert.Equal(16, ring.PrimaryFingerprint.Length);
        Assert.NotEqual(Keyring.Fingerprint(k1), Keyring.Fingerprint(k2));
        Assert.DoesNotContain(Convert.ToBase64String(k1), ring.ToString(), StringComparison.Ordinal);
    }
}
