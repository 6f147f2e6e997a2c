using System.Globalization;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// One GossipActors.Node process on 127.0.0.1 with its own ports and data directory, which survive a kill so the
/// node can be restarted as the same endpoint. Answers through its admin API.
/// </summary>
public sealed class LoopbackNode : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _seed;
    private readonly string[] _extraArguments;
    private int _starts;

    public LoopbackNode(int index, int gossipPort, int adminPort, string seed, string dataDirectory, HttpClient http, ITestOutputHelper output, params string[] extraArguments)
    {
        Index = index;
        GossipAddress = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{gossipPort}");
        AdminAddress = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{adminPort}");
        DataDirectory = dataDirectory;
        Admin = new AdminApiClient(http, AdminAddress);
        _seed = seed;
        _output = output;
        _extraArguments = extraArguments;
    }

    public int Index { get; }

    /// <summary>Environment variables set for the node's process from its next start on (the runtime's, e.g. the GC's).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    public string GossipAddress { get; }

    public string AdminAddress { get; }

    public string DataDirectory { get; }

    public AdminApiClient Admin { get; }

    /// <summary>The process of the latest start; null before the first.</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Output of every start so far, for failure messages (a restarted node's first life matters too).</summary>
    private readonly List<ChildProcess> _lives = [];

    /// <summary>Starts a new life of this node; <paramref name="thisStartOnly"/> is appended to its arguments for this start only.</summary>
    public void Start(params string[] thisStartOnly)
    {
        _starts++;
        Process = ChildProcess.StartDotnetWith(
            Environment,
            string.Create(CultureInfo.InvariantCulture, $"node{Index}#{_starts}"),
            _output,
            Programs.NodeDll,
            [
                "--listen", GossipAddress,
                "--seeds", _seed,
                "--admin", AdminAddress,
                "--data-dir", DataDirectory,
                "--cluster-name", "integration",
                .. _extraArguments,
                .. thisStartOnly,
            ]);
        _lives.Add(Process);
    }

    public void Kill() => Process?.Kill();

    /// <summary>SIGTERM and wait: the exit code, or null when it was still running at the deadline.</summary>
    public Task<int?> StopAsync(TimeSpan deadline) => Current.TerminateAsync(deadline);

    /// <summary>The exit code once the current life ends by itself, or null when it still runs at the deadline.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan deadline) =>
        await Current.WaitForExitAsync(deadline) ? Current.ExitCode : null;

    /// <summary>The current life's output lines (earlier lives are in <see cref="Tails"/>).</summary>
    public IReadOnlyList<string> Lines => Current.Lines;

    /// <summary>GET /health through the admin client: 200 or 503 with the node's sentence, or why it did not answer.</summary>
    public async Task<AdminAnswer> HealthAsync()
    {
        try
        {
            return new AdminAnswer(200, await Admin.GetRawAsync(AdminRoutes.Health));
        }
        catch (AdminClientException ex)
        {
            return new AdminAnswer(ex.HttpStatus, ex.Message);
        }
    }

    /// <summary>POST /assassinate (confirmed) of <paramref name="target"/>; a refusal is an answer here, not an exception.</summary>
    public async Task<AdminAnswer> AssassinateAsync(string target, bool force)
    {
        try
        {
            var done = await Admin.AssassinateAsync(target, confirm: true, force);
            return new AdminAnswer(200, string.Create(CultureInfo.InvariantCulture, $"{done.Endpoint} assassinated with generation {done.Generation}"));
        }
        catch (AdminClientException ex)
        {
            return new AdminAnswer(ex.HttpStatus, ex.Message);
        }
    }

    /// <summary>True when this node's saved peer table (peers.json) names every one of <paramref name="addresses"/>.</summary>
    public bool Remembers(IEnumerable<string> addresses)
    {
        try
        {
            var saved = File.ReadAllText(Path.Combine(DataDirectory, "peers.json"));
            return addresses.All(a => saved.Contains($"\"{a}\"", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            // Not written yet, or being replaced right now.
            return false;
        }
    }

    private ChildProcess Current => Process ?? throw new InvalidOperationException($"node {Index} was never started");

    /// <summary>This node's /status, or its one-line reason for not answering.</summary>
    public async Task<NodeView> ViewAsync()
    {
        try
        {
            return NodeView.Answered(GossipAddress, await Admin.GetStatusAsync());
        }
        catch (AdminClientException ex)
        {
            return NodeView.Failed(GossipAddress, ex.Message);
        }
    }

    public async Task<GossipInfoResponse?> GossipInfoAsync()
    {
        try
        {
            return await Admin.GetGossipInfoAsync();
        }
        catch (AdminClientException)
        {
            return null;
        }
    }

    public string Tails(int lines = 40) => string.Join('\n', _lives.Select(l => l.Tail(lines)));

    public void Dispose()
    {
        foreach (var life in _lives)
        {
            life.Dispose();
        }
    }
}
