using GossipActors.Remote;
using GossipActors.Hosting.Configuration;

namespace GossipActors.Node;

/// <summary>The node's command line, parsed by hand so every mistake is one line naming the argument.</summary>
public sealed record NodeArguments
{
    public const string Usage =
        "usage: GossipActors.Node --listen HOST:PORT --data-dir DIR [--broadcast-address HOST[:PORT]] " +
        "[--seeds HOST:PORT[,HOST:PORT...]] [--new-cluster] [--admin HOST:PORT] " +
        "[--config FILE] [--set path=value]... [--app-state KEY=VALUE]... [--dc NAME] [--rack NAME] [--cluster-name NAME] " +
        "[--override-decommission] [--discard-corrupt-state]";

    public string Listen { get; private init; } = string.Empty;

    /// <summary>Where peers reach this node (HOST or HOST:PORT), when that is not the listen address.</summary>
    public string? BroadcastAddress { get; private init; }

    public IReadOnlyList<string> Seeds { get; private init; } = [];

    public string? Admin { get; private init; }

    public string DataDir { get; private init; } = string.Empty;

    public string? ConfigFile { get; private init; }

    public IReadOnlyList<KeyValuePair<string, string>> Sets { get; private init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> AppStates { get; private init; } = [];

    public string? Dc { get; private init; }

    public string? Rack { get; private init; }

    public string? ClusterName { get; private init; }

    public bool NewCluster { get; private init; }

    public bool OverrideDecommission { get; private init; }

    public bool DiscardCorruptState { get; private init; }

    public bool Help { get; private init; }

    /// <exception cref="ArgumentException">The arguments are wrong; the message is one line naming the argument.</exception>
    public static NodeArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? listen = null, broadcast = null, admin = null, dataDir = null, config = null, dc = null, rack = null, cluster = null;
        bool newCluster = false, overrideDecommission = false, discardCorruptState = false;
        var seeds = new List<string>();
        var sets = new List<KeyValuePair<string, string>>();
        var appStates = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inline = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inline = name[(equals + 1)..];
                name = name[..equals];
            }

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    return new NodeArguments { Help = true };
                case "--listen":
                    listen = Once(listen, name, Address(name, Value(args, ref i, name, inline)));
                    break;
                case "--broadcast-address":
                    broadcast = Once(broadcast, name, Value(args, ref i, name, inline));
                    if (!RemoteSettingsBinder.TryParseHostAndOptionalPort(broadcast, 1, out _, out var error))
                    {
                        throw new ArgumentException($"{name} '{broadcast}' is not HOST[:PORT]: {error}");
                    }

                    break;
                case "--new-cluster":
                    newCluster = Flag(name, inline);
                    break;
                case "--override-decommission":
                    overrideDecommission = Flag(name, inline);
                    break;
                case "--discard-corrupt-state":
                    discardCorruptState = Flag(name, inline);
                    break;
                case "--seeds":
                    foreach (var seed in Value(args, ref i, name, inline).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        seeds.Add(Address(name, seed));
                    }

                    break;
                case "--admin":
                    admin = Once(admin, name, Value(args, ref i, name, inline));
                    _ = GossipActorsBuilder.SplitHostPort(admin, "--admin");
                    break;
                case "--data-dir":
                    dataDir = Once(dataDir, name, Value(args, ref i, name, inline));
                    break;
                case "--config":
                    config = Once(config, name, Value(args, ref i, name, inline));
                    break;
                case "--set":
                    sets.Add(Pair(name, Value(args, ref i, name, inline), "path=value"));
                    break;
                case "--app-state":
                    appStates.Add(Pair(name, Value(args, ref i, name, inline), "KEY=VALUE"));
                    break;
                case "--dc":
                    dc = Once(dc, name, Value(args, ref i, name, inline));
                    break;
                case "--rack":
                    rack = Once(rack, name, Value(args, ref i, name, inline));
                    break;
                case "--cluster-name":
                    cluster = Once(cluster, name, Value(args, ref i, name, inline));
                    break;
                default:
                    throw new ArgumentException(name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{name}'");
            }
        }

        if (listen is null)
        {
            throw new ArgumentException("--listen HOST:PORT is required");
        }

        if (dataDir is null)
        {
            throw new ArgumentException("--data-dir DIR is required");
        }

        return new NodeArguments
        {
            Listen = listen,
            BroadcastAddress = broadcast,
            Seeds = seeds,
            Admin = admin,
            DataDir = dataDir,
            ConfigFile = config,
            Sets = sets,
            AppStates = appStates,
            Dc = dc,
            Rack = rack,
            ClusterName = cluster,
            NewCluster = newCluster,
            OverrideDecommission = overrideDecommission,
            DiscardCorruptState = discardCorruptState,
        };
    }

    /// <summary>Applies the arguments to the hosting builder (after the config file, so the command line wins).</summary>
    public void ApplyTo(GossipActorsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (ConfigFile is not null)
        {
            builder.UseConfigFile(ConfigFile);
        }

        foreach (var (path, value) in Sets)
        {
            builder.Set(path, value, $"--set {path}={value}");
        }

        builder.ListenOn(Listen).WithDataDir(DataDir);
        if (BroadcastAddress is not null)
        {
            builder.WithBroadcastAddress(BroadcastAddress);
        }

        if (Seeds.Count > 0)
        {
            builder.WithSeeds([.. Seeds]);
        }

        if (Admin is not null)
        {
            builder.WithAdmin(Admin);
        }

        foreach (var (key, value) in AppStates)
        {
            builder.WithApplicationState(key, value);
        }

        if (Dc is not null)
        {
            builder.WithDataCenter(Dc);
        }

        if (Rack is not null)
        {
            builder.WithRack(Rack);
        }

        if (ClusterName is not null)
        {
            builder.WithClusterName(ClusterName);
        }

        if (NewCluster)
        {
            builder.FormNewCluster();
        }

        if (OverrideDecommission)
        {
            builder.OverrideDecommission();
        }

        if (DiscardCorruptState)
        {
            builder.DiscardCorruptState();
        }
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name, string? inline)
    {
        if (inline is not null)
        {
            return inline.Length > 0 ? inline : throw new ArgumentException($"{name} needs a value");
        }

        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{name} needs a value");
        }

        return args[++i];
    }

    private static bool Flag(string name, string? inline) =>
        inline is null ? true : throw new ArgumentException($"{name} takes no value");

    private static string Once(string? previous, string name, string value) =>
        previous is null ? value : throw new ArgumentException($"{name} is given more than once");

    private static string Address(string name, string text)
    {
        if (!Protocol.Model.EndpointAddress.TryParse(text, out _, out var error))
        {
            throw new ArgumentException($"{name} '{text}' is not HOST:PORT: {error}");
        }

        return text;
    }

    private static KeyValuePair<string, string> Pair(string name, string text, string shape)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"{name} '{text}' is not {shape}");
        }

        return new(text[..equals].Trim(), text[(equals + 1)..]);
    }
}
