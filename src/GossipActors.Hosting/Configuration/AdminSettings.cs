using GossipActors.Remote;
using GossipActors.Hocon;

namespace GossipActors.Hosting.Configuration;

/// <summary>The <c>admin { }</c> section: where the HTTP admin endpoint listens (loopback by default; it has no authentication).</summary>
public sealed record AdminSettings(bool Enabled, string Hostname, int Port)
{
    /// <exception cref="ConfigException">A value is mistyped or out of range; the message names the setting.</exception>
    public static AdminSettings Bind(NodeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var c = configuration.Config;
        return new AdminSettings(
            c.GetBoolean("admin.enabled"),
            c.GetString("admin.hostname"),
            RemoteSettingsBinder.Port(c, "admin.port", allowZero: true));
    }
}
