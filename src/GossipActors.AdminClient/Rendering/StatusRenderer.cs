using System.Text;
using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Rendering;

/// <summary>
/// <c>gossipctl status</c>: nodetool status's layout (one block per datacenter, the UN/DN legend,
/// then one row per node), with phi where nodetool has tokens, and a first line naming whose view
/// this is, because during a partition every node tells a different story.
/// </summary>
public static class StatusRenderer
{
    public const string UnknownDc = "(unknown)";

    public static string Render(StatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var output = new StringBuilder();
        output.Append("Cluster: ").Append(status.ClusterName)
            .Append(" (as seen by ").Append(status.LocalEndpoint).Append(")\n");

        var byDc = status.Endpoints
            .GroupBy(e => string.IsNullOrEmpty(e.Dc) ? UnknownDc : e.Dc, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);

        foreach (var dc in byDc)
        {
            var header = $"Datacenter: {dc.Key}";
            output.Append('\n').Append(header).Append('\n')
                .Append(new string('=', header.Length)).Append('\n')
                .Append("Status=Up/Down\n")
                .Append("|/ State=Normal/Leaving/Joining/Moving (X=Left, S=Shutdown)\n");

            var table = new TextTable("--", "Address", "Load", "Host ID", "Rack", ">Phi");
            foreach (var endpoint in dc.OrderBy(e => e.Address, AddressOrder.Instance))
            {
                table.Add(
                    endpoint.Code,
                    endpoint.Address,
                    ByteSize.Format(endpoint.LoadBytes),
                    OrQuestionMark(endpoint.HostId),
                    OrQuestionMark(endpoint.Rack),
                    PhiColumn(endpoint));
            }

            table.WriteTo(output);
        }

        if (status.Endpoints.Count == 0)
        {
            output.Append("\n(no endpoints known)\n");
        }

        return output.ToString();
    }

    // A peer without a phi is one the failure detector holds no history for; calling it "self"
    // would hide that and make two rows look like the answering node.
    private static string PhiColumn(EndpointStatus endpoint) => endpoint switch
    {
        { IsLocal: true } => "self",
        { Phi: { } phi } => Phi.Format(phi),
        _ => "?",
    };

    private static string OrQuestionMark(string value) => string.IsNullOrEmpty(value) ? "?" : value;
}
