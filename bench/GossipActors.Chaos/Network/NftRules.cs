using System.Globalization;
using System.Text;

namespace GossipActors.Chaos.Network;

/// <summary>
/// The router's nftables ruleset for the faults in force, rendered whole each time (the table is replaced atomically),
/// so what the router does is always exactly the list of active faults. Loss uses nftables' random number generator:
/// this kernel has no sch_netem, which is also why there is no delay fault (see docs/testing.md).
/// </summary>
public static class NftRules
{
    public const string Table = "gossipactors_chaos";

    public static string Render(IEnumerable<NetworkFault> faults, Func<int, string> addressOf)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(addressOf);
        var rules = new StringBuilder();
        foreach (var fault in faults)
        {
            switch (fault)
            {
                case PacketLoss loss:
                    var node = addressOf(loss.Node);
                    var percent = loss.Percent.ToString(CultureInfo.InvariantCulture);
                    // Only node-to-node packets: the runner's admin polls come from the management address, not a node's.
                    rules.Append(CultureInfo.InvariantCulture, $"    ip saddr {node} ip daddr @nodes numgen random mod 100 < {percent} drop\n");
                    rules.Append(CultureInfo.InvariantCulture, $"    ip daddr {node} ip saddr @nodes numgen random mod 100 < {percent} drop\n");
                    break;
                case Partition partition:
                    var a = Set(partition.SideA, addressOf);
                    var b = Set(partition.SideB, addressOf);
                    rules.Append(CultureInfo.InvariantCulture, $"    ip saddr {a} ip daddr {b} drop\n");
                    if (!partition.OneWay)
                    {
                        rules.Append(CultureInfo.InvariantCulture, $"    ip saddr {b} ip daddr {a} drop\n");
                    }

                    break;
                case LinkDelay:
                    // Applied by tc netem on the router's link (ChaosNetwork.SetDelay), not by nftables.
                    break;
                default:
                    throw new ArgumentException($"no nftables rule for {fault}", nameof(faults));
            }
        }

        return $$"""
            table inet {{Table}}
            delete table inet {{Table}}
            table inet {{Table}} {
              set nodes { type ipv4_addr; flags interval; elements = { {{ChaosNetwork.NodeRange}} } }
              chain forward {
                type filter hook forward priority 0;
            {{rules}}  }
            }

            """;
    }

    private static string Set(IEnumerable<int> nodes, Func<int, string> addressOf) =>
        "{ " + string.Join(", ", nodes.Order().Select(addressOf)) + " }";
}
