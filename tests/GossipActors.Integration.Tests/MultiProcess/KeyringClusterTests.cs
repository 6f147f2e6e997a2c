using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 13 item 3, as an operator runs it: node processes given a Serf-style keyring file converge, and a node
/// that knows the cluster name but holds another key never gets into anyone's view.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class KeyringClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _keys = Directory.CreateTempSubdirectory("gossipactors-keyring-");

    [Fact]
    public async Task Nodes_sharing_a_keyring_converge_and_a_node_with_another_key_stays_out_with_the_reason_logged_on_both_sides()
    {
        var shared = WriteKeyring("shared.json", seed: 1);
        var other = WriteKeyring("other.json", seed: 2);
        using var cluster = new LoopbackCluster(3, output, index => ["--set", $"remote.keyring.file=\"{(index == 3 ? other : shared)}\""]);
        var (seed, member, outsider) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);

        cluster.StartAll();

        var notConverged = await cluster.WaitForConvergenceAsync(Generous, [seed, member]);
        Assert.True(notConverged is null, $"{notConverged}\n{cluster.Tails()}");
        var refused = await Deadline.PollAsync(Generous, () => Task.FromResult<string?>(
            outsider.Lines.FirstOrDefault(l => l.Contains("NoSharedKey", StringComparison.Ordinal))));
        Assert.True(refused is not null, $"node 3 never logged the keyring refusal\n{cluster.Tails()}");
        Assert.Contains(seed.Lines, l => l.Contains("NoSharedKey", StringComparison.Ordinal) && l.Contains("127.0.0.1:", StringComparison.Ordinal));
        var seen = (await seed.GossipInfoAsync())!.Endpoints.Select(e => e.Address).ToList();
        Assert.DoesNotContain(outsider.GossipAddress, seen);
        Assert.DoesNotContain(cluster.Nodes.SelectMany(n => n.Lines), l => l.Contains(File.ReadAllText(shared)[2..20], StringComparison.Ordinal));
    }

    public void Dispose() => _keys.Delete(recursive: true);

    /// <summary>A keyring file as Serf writes one: a JSON array of base64 keys, the first the primary.</summary>
    private string WriteKeyring(string name, byte seed)
    {
        var path = Path.Combine(_keys.FullName, name);
        var key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 11 + seed)).ToArray());
        File.WriteAllText(path, $"[\"{key}\"]");
        return path;
    }
}
