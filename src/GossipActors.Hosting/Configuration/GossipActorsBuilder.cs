using GossipActors.Remote;
using System.Globalization;
using System.Text.Json;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// What <c>services.AddGossipActors(builder => …)</c> configures. Everything here is a layer over the HOCON
/// configuration: reference.conf, then the HOCON file, then the host's <c>IConfiguration</c> (environment
/// variables such as <c>GOSSIP__SEEDS</c>, the command line), then the calls made on this builder, last wins.
/// </summary>
public sealed class GossipActorsBuilder
{
    private readonly List<ConfigOverride> _overrides = [];

    /// <summary>The HOCON file read over reference.conf, if any.</summary>
    public string? ConfigFile { get; private set; }

    /// <summary>Whether the host's IConfiguration is layered over the HOCON file (default true).</summary>
    public bool UseHostConfiguration { get; private set; } = true;

    /// <summary>The IConfiguration given with <see cref="UseConfiguration"/>, layered instead of the host's.</summary>
    public IConfiguration? Configuration { get; private set; }

    /// <summary>Fault injection only (<see cref="InjectClockOffset"/>); zero otherwise.</summary>
    public TimeSpan InjectedClockOffset { get; private set; }

    /// <summary>The builder's own settings, in the order they were made (later ones win).</summary>
    public IReadOnlyList<ConfigOverride> Overrides => _overrides;

    /// <summary>Reads <paramref name="path"/> (HOCON, or .json / .properties) over reference.conf.</summary>
    public GossipActorsBuilder UseConfigFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ConfigFile = path;
        return this;
    }

    /// <summary>
    /// Layers <paramref name="configuration"/> (environment variables such as <c>GOSSIP__SEEDS</c>, the command line,
    /// appsettings.json; keys under gossip, remote and admin) over the HOCON file. <c>AddGossipActors</c> layers the
    /// host's own unless told otherwise; with <c>WithGossip</c> in an <c>AddAkka</c> host, where the builder cannot
    /// reach the host's services, pass <c>sp.GetRequiredService&lt;IConfiguration&gt;()</c> here.
    /// </summary>
    public GossipActorsBuilder UseConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        UseHostConfiguration = true;
        return this;
    }

    /// <summary>Ignore the host's IConfiguration (environment variables, command line) for gossip settings.</summary>
    public GossipActorsBuilder IgnoreHostConfiguration()
    {
        UseHostConfiguration = false;
        Configuration = null;
        return this;
    }

    /// <summary>Sets any setting by its HOCON path to a HOCON value: <c>Set("remote.mtu", "1422")</c>.</summary>
    public GossipActorsBuilder Set(string path, string hoconValue) => Set(path, hoconValue, $"Set(\"{path?.Trim()}\")");

    /// <summary>
    /// <see cref="Set(string, string)"/>, naming where the setting came from in any error about it
    /// (the node passes <c>--set PATH=VALUE</c>).
    /// </summary>
    public GossipActorsBuilder Set(string path, string hoconValue, string origin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(hoconValue);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        _overrides.Add(new ConfigOverride(path.Trim(), hoconValue, origin));
        return this;
    }

    /// <summary><c>gossip.seeds</c>: HOST:PORT of each seed (the same list on every node).</summary>
    public GossipActorsBuilder WithSeeds(params string[] seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        foreach (var seed in seeds)
        {
            ParseAddress(seed, "seed");
        }

        return Add("gossip.seeds", "[" + string.Join(", ", seeds.Select(Quote)) + "]");
    }

    /// <summary><c>remote.hostname</c> and <c>remote.port</c> from HOST:PORT.</summary>
    public GossipActorsBuilder ListenOn(string hostAndPort)
    {
        var address = ParseAddress(hostAndPort, "listen address");
        return ListenOn(address.Host, address.Port);
    }

    /// <summary><c>remote.hostname</c> and <c>remote.port</c>.</summary>
    public GossipActorsBuilder ListenOn(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        Add("remote.hostname", Quote(host));
        return Add("remote.port", port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <c>remote.broadcast-address</c> from HOST or HOST:PORT (the port defaults to the listen port): the address peers
    /// reach this node at, gossiped and sent in the handshake instead of the listen address; required when listening on
    /// a wildcard (0.0.0.0, ::).
    /// </summary>
    public GossipActorsBuilder WithBroadcastAddress(string hostAndOptionalPort)
    {
        ArgumentNullException.ThrowIfNull(hostAndOptionalPort);
        if (!RemoteSettingsBinder.TryParseHostAndOptionalPort(hostAndOptionalPort, 1, out _, out var error))
        {
            throw new ArgumentException($"broadcast address '{hostAndOptionalPort}' is not HOST[:PORT]: {error}");
        }

        return Add("remote.broadcast-address", Quote(hostAndOptionalPort.Trim()));
    }

    /// <summary><c>admin.hostname</c> and <c>admin.port</c> from HOST:PORT (port 0 picks a free port).</summary>
    public GossipActorsBuilder WithAdmin(string hostAndPort)
    {
        var (host, port) = SplitHostPort(hostAndPort, "admin address");
        Add("admin.enabled", "on");
        Add("admin.hostname", Quote(host));
        return Add("admin.port", port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>admin.enabled = off</c>.</summary>
    public GossipActorsBuilder DisableAdmin() => Add("admin.enabled", "off");

    /// <summary>Adds <c>gossip.application-states.KEY = VALUE</c> (application-defined state, like Serf tags).</summary>
    public GossipActorsBuilder WithApplicationState(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return Add("gossip.application-states." + Quote(key), Quote(value));
    }

    /// <summary><c>gossip.dc</c>.</summary>
    public GossipActorsBuilder WithDataCenter(string dc) => Add("gossip.dc", Quote(NotBlank(dc, "data centre")));

    /// <summary><c>gossip.rack</c>.</summary>
    public GossipActorsBuilder WithRack(string rack) => Add("gossip.rack", Quote(NotBlank(rack, "rack")));

    /// <summary><c>gossip.cluster-name</c>.</summary>
    public GossipActorsBuilder WithClusterName(string name) => Add("gossip.cluster-name", Quote(NotBlank(name, "cluster name")));

    /// <summary><c>gossip.data-dir</c>: where the host id, generation and peers are kept.</summary>
    public GossipActorsBuilder WithDataDir(string directory) => Add("gossip.data-dir", Quote(NotBlank(directory, "data directory")));

    /// <summary><c>gossip.new-cluster = on</c>: forming a new cluster (no seeds but this node, no remembered peers) is intended; logged as info, not warned about.</summary>
    public GossipActorsBuilder FormNewCluster() => Add("gossip.new-cluster", "on");

    /// <summary><c>gossip.override-decommission = on</c>: a node that was decommissioned may start again with its old data directory.</summary>
    public GossipActorsBuilder OverrideDecommission() => Add("gossip.override-decommission", "on");

    /// <summary><c>gossip.discard-corrupt-state = on</c>: a corrupt local.json is moved aside and the node starts with a new host id.</summary>
    public GossipActorsBuilder DiscardCorruptState() => Add("gossip.discard-corrupt-state", "on");

    /// <summary>
    /// Fault injection for tests: the node stamps gossip with its clock shifted by <paramref name="offset"/>, so its peers
    /// estimate it that far off (the node host's <c>GOSSIP_FAULT_CLOCK_OFFSET_MS</c>). Deliberately not a setting.
    /// </summary>
    public GossipActorsBuilder InjectClockOffset(TimeSpan offset)
    {
        InjectedClockOffset = offset;
        return this;
    }

    /// <summary>Splits HOST:PORT (IPv6 hosts may be bracketed); port 0 is allowed (a free port).</summary>
    /// <exception cref="ArgumentException">Not HOST:PORT; the message names <paramref name="what"/>.</exception>
    public static (string Host, int Port) SplitHostPort(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new ArgumentException($"{what} '{text}' is not HOST:PORT (port 0-65535)");
        }

        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (host, port);
    }

    private static EndpointAddress ParseAddress(string text, string what)
    {
        if (!EndpointAddress.TryParse(text, out var address, out var error))
        {
            throw new ArgumentException($"{what} '{text}' is not HOST:PORT: {error}");
        }

        return address;
    }

    private static string NotBlank(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"the {what} must not be empty");
        }

        return value;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, StringJsonContext.Default.String);

    private GossipActorsBuilder Add(string path, string hoconValue)
    {
        _overrides.Add(new ConfigOverride(path, hoconValue, $"AddGossipActors builder ({path})"));
        return this;
    }
}

/// <summary>One setting made in code or on the command line: a HOCON path, a HOCON value, and where it came from.</summary>
public sealed record ConfigOverride(string Path, string HoconValue, string Origin);
