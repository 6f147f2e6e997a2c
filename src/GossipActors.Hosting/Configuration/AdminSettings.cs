using GossipActors.Remote;
using GossipActors.Hocon;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// The <c>admin { }</c> section: where the HTTP admin endpoint listens (loopback by default), the token requests must
/// carry (none by default) and the extra names its Host header may hold.
/// </summary>
/// <param name="Token">Null when <c>admin.token</c> is empty.</param>
/// <param name="AllowedHosts">Lower case, without a trailing dot or brackets.</param>
public sealed record AdminSettings(bool Enabled, string Hostname, int Port, AdminToken? Token, IReadOnlyList<string> AllowedHosts)
{
    /// <exception cref="ConfigException">A value is mistyped or out of range; the message names the setting.</exception>
    public static AdminSettings Bind(NodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = configuration.Config;
        return new AdminSettings(
            c.GetBoolean("admin.enabled"),
            c.GetString("admin.hostname"),
            RemoteSettingsBinder.Port(c, "admin.port", allowZero: true),
            AdminToken.Bind(c, "admin.token"),
            AllowedHostNames(c, "admin.allowed-hosts"));
    }

    private static List<string> AllowedHostNames(Config c, string path)
    {
        var names = new List<string>();
        foreach (var entry in c.GetStringList(path))
        {
            var name = Admin.HostName.Normalize(entry);
            if (name is null)
            {
                var where = c.TryGetValue(path, out var value) ? $" (set at {value.Origin.ToLocationString()})" : string.Empty;
                throw new ConfigException($"{path}{where}: '{entry}' is not a host name or an IP address (write the name alone, without a scheme, a port or a path)");
            }

            names.Add(name);
        }

        return names;
    }
}
