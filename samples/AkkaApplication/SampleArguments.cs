using System.Globalization;

namespace AkkaApplication;

/// <summary>The sample's command line: where this node listens, its seeds, and where it keeps its gossip state.</summary>
public sealed record SampleArguments(string Host, int Port, IReadOnlyList<string> Seeds, string DataDir)
{
    public const string Usage =
        "usage: dotnet run --project samples/AkkaApplication -- --port PORT [--seeds HOST:PORT[,HOST:PORT...]] [--host HOST] [--data-dir DIR]\n" +
        "  e.g. --port 7301 --seeds 127.0.0.1:7301   and, in another terminal,   --port 7302 --seeds 127.0.0.1:7301";

    public string Address => $"{Host}:{Port}";

    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has a wrong one.</exception>
    public static SampleArguments Parse(IReadOnlyList<string> args)
    {
        var host = "127.0.0.1";
        int? port = null;
        string? seeds = null;
        string? dataDir = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--host":
                    host = value;
                    break;
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
                        ? p
                        : throw new ArgumentException($"--port '{value}' is not a port (1-65535)");
                    break;
                case "--seeds":
                    seeds = value;
                    break;
                case "--data-dir":
                    dataDir = value;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }

            i++;
        }

        var listen = port ?? throw new ArgumentException("--port is required");
        var seedList = (seeds ?? $"{host}:{listen}").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SampleArguments(host, listen, seedList, dataDir ?? Path.Combine(Path.GetTempPath(), $"akka-application-{listen}"));
    }
}
