using System.Text;

namespace GossipActors.AdminClient.Convergence;

/// <summary>Who sees whom; converged when every node sees every expected member UP.</summary>
public sealed record ConvergenceReport(IReadOnlyList<NodeSight> Nodes)
{
    public bool Converged => Nodes.Count > 0 && Nodes.All(n => n.SeesEveryone);

    /// <summary>Nodes that see every expected member UP.</summary>
    public int NodesSeeingEveryone => Nodes.Count(n => n.SeesEveryone);

    /// <summary>One line per node: "ADDR sees 2/3 UP; missing: ADDR (DOWN)" or the reason it could not be asked.</summary>
    public string Describe()
    {
        var output = new StringBuilder();
        foreach (var node in Nodes)
        {
            output.Append("  ").Append(node.Address).Append(": ");
            if (node.Error is not null)
            {
                output.Append(node.Error);
            }
            else
            {
                var total = node.SeesUp.Count + node.Missing.Count;
                output.Append("sees ").Append(node.SeesUp.Count).Append('/').Append(total).Append(" UP");
                if (node.Missing.Count > 0)
                {
                    output.Append("; not UP: ").Append(string.Join(", ", node.Missing));
                }
            }

            output.Append('\n');
        }

        return output.ToString();
    }
}
