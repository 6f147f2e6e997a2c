using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;
using GossipActors.Protocol.Model;

namespace GossipActors.AdminClient.Rendering;

/// <summary>
/// <c>gossipctl gossipinfo</c> in Cassandra's layout: <c>/address</c>, then <c>generation:N</c>,
/// <c>heartbeat:N</c> and one <c>NAME:version:value</c> line per application state, well-known
/// states in their canonical order first, application-defined keys after them alphabetically.
/// </summary>
public static class GossipInfoRenderer
{
    public static string Render(GossipInfoResponse info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var output = new StringBuilder();
        foreach (var endpoint in info.Endpoints.OrderBy(e => e.Address, AddressOrder.Instance))
        {
            output.Append('/').Append(endpoint.Address).Append('\n');
            output.Append(CultureInfo.InvariantCulture, $"  generation:{endpoint.Generation}\n");
            output.Append(CultureInfo.InvariantCulture, $"  heartbeat:{endpoint.Heartbeat}\n");
            foreach (var state in endpoint.ApplicationStates.OrderBy(s => s.Name, StateNameOrder.Instance))
            {
                // A value with a line break would break the one-state-per-line layout scripts rely on.
                var value = state.Value.ReplaceLineEndings("\\n");
                output.Append(CultureInfo.InvariantCulture, $"  {state.Name}:{state.Version}:{value}\n");
            }
        }

        return output.ToString();
    }

    private sealed class StateNameOrder : IComparer<string>
    {
        public static StateNameOrder Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            var xi = Rank(x);
            var yi = Rank(y);
            return xi != yi ? xi.CompareTo(yi) : string.CompareOrdinal(x, y);
        }

        private static int Rank(string? name)
        {
            for (var i = 0; i < ApplicationStateKeys.WellKnown.Count; i++)
            {
                if (string.Equals(ApplicationStateKeys.WellKnown[i], name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }
    }
}
