using System.Globalization;
using System.Text;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// The value of an observer's <see cref="ApplicationStateKeys.Unreachable"/> state: which endpoints it convicted, each
/// for one generation, so a claim about an earlier run never holds a restarted node DOWN. Written sorted, so the same
/// set always gives the same text (and no new version).
/// </summary>
public static class UnreachableClaims
{
    private const char Separator = ',';
    private const char GenerationMark = '@';

    public static string Format(IEnumerable<KeyValuePair<EndpointAddress, int>> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var text = new StringBuilder();
        foreach (var (endpoint, generation) in claims.OrderBy(claim => claim.Key))
        {
            if (text.Length > 0)
            {
                text.Append(Separator);
            }

            text.Append(endpoint.ToString()).Append(GenerationMark).Append(generation.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Reads a claim set published by <paramref name="claimant"/>. Entries that do not parse are skipped and each is
    /// described in <paramref name="errors"/> (naming the claimant and the entry); the rest still count.
    /// </summary>
    public static List<(EndpointAddress Endpoint, int Generation)> Parse(EndpointAddress claimant, string? value, List<string>? errors)
    {
        var claims = new List<(EndpointAddress, int)>();
        if (string.IsNullOrEmpty(value))
        {
            return claims;
        }

        var index = 0;
        foreach (var entry in value.Split(Separator))
        {
            index++;
            var mark = entry.LastIndexOf(GenerationMark);
            string? error = null;
            if (mark <= 0)
            {
                error = "no '@generation'";
            }
            else if (!int.TryParse(entry.AsSpan(mark + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation))
            {
                error = "the generation is not a non-negative integer";
            }
            else if (!EndpointAddress.TryParse(entry[..mark], out var endpoint, out var addressError))
            {
                error = addressError;
            }
            else
            {
                claims.Add((endpoint, generation));
            }

            if (error is not null)
            {
                errors?.Add(string.Create(CultureInfo.InvariantCulture,
                    $"ignored entry {index} ('{entry}') of {ApplicationStateKeys.Unreachable} gossiped by {claimant}: {error}; expected host:port@generation"));
            }
        }

        return claims;
    }
}
