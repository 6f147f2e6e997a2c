using System.Globalization;
using System.Text.RegularExpressions;

namespace GossipActors.ClusterComparison.Measurement;

/// <summary>
/// Bytes on the nodes' own membership ports, counted by nftables: a table of this run with one output-hook chain whose
/// rules count every TCP or UDP packet whose destination or source port is one of the nodes' (destination first, so a
/// packet between two listed ports, as Serf's UDP is, counts once). On loopback every packet passes the output hook
/// once, so the sum is what the cluster sent, IP and TCP/UDP headers and bare ACKs included. The admin and RPC ports
/// are not listed, so the harness's own polling is not counted. Needs root and the nft command.
/// </summary>
public sealed partial class PortByteCounter : IAsyncDisposable
{
    private readonly string _table;

    private PortByteCounter(string table) => _table = table;

    /// <summary>Creates the counting table, or returns null and the reason when nftables cannot be used here.</summary>
    public static async Task<(PortByteCounter? Counter, string? Unavailable)> CreateAsync(IReadOnlyCollection<int> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var table = string.Create(CultureInfo.InvariantCulture, $"gossipactors_cc_{Environment.ProcessId}");
        var elements = string.Join(", ", ports.Select(p => p.ToString(CultureInfo.InvariantCulture)));
        var script = $$"""
            table inet {{table}} {
              set ports { type inet_service; elements = { {{elements}} } }
              chain out {
                type filter hook output priority 0; policy accept;
                meta l4proto { tcp, udp } th dport @ports counter accept
                meta l4proto { tcp, udp } th sport @ports counter accept
              }
            }
            """;
        var (code, output) = await NftAsync(["-f", "-"], script);
        return code == 0
            ? (new PortByteCounter(table), null)
            : (null, $"nftables counters unavailable (nft -f exited {code}: {output.Trim()})");
    }

    /// <summary>Bytes counted so far by both rules.</summary>
    public async Task<long> ReadAsync()
    {
        var (code, output) = await NftAsync(["list", "table", "inet", _table], null);
        if (code != 0)
        {
            throw new ComparisonException($"nft list table inet {_table} exited {code}: {output.Trim()}");
        }

        return SumCounters(output);
    }

    /// <summary>The sum of every "counter packets P bytes B" in nft's listing.</summary>
    public static long SumCounters(string listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return CounterPattern().Matches(listing).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync() => await NftAsync(["delete", "table", "inet", _table], null);

    private static Task<(int Code, string Output)> NftAsync(IReadOnlyList<string> arguments, string? input) =>
        ShortCommand.RunAsync("nft", arguments, input);

    [GeneratedRegex(@"counter packets \d+ bytes (\d+)")]
    private static partial Regex CounterPattern();
}
