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

    public string GossipAddress { get; }

    public string AdminAddress { get; }

    public string DataDirectory { get; }

    public AdminApiClient Admin { get; }

    /// <summary>The process of the latest start; null before the first.</summary>
    public ChildProcess? Process { get; private set; }

    /// <summary>Output of every start so far, for failure messages (a restarted node's first life matters too).</summary>
    private readonly List<ChildProcess> _lives = [];

    public void Start()
    {
        _starts++;
        Process = ChildProcess.StartDotnet(
            string.Create(CultureInfo.InvariantCulture, $"node{Index}#{_starts}"),
            _output,
            netns: null,
            Programs.NodeDll,
            [
                "--listen", GossipAddress,
                "--seeds", _seed,
                "--admin", AdminAddress,
                "--data-dir", DataDirectory,
                "--cluster-name", "integration",
                .. _extraArguments,
            ]);
        _lives.Add(Process);
    }

    public void Kill() => Process?.Kill();

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
