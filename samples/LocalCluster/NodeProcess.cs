using System.Diagnostics;
using System.Globalization;

namespace LocalCluster;

/// <summary>
/// One node process: started with its output appended to its own log file, stopped gracefully
/// (SIGTERM, then a kill of the whole tree if it lingers), or killed outright for --kill-one.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logLock = new();

    private NodeProcess(int index, NodePorts ports, string logPath, Process process, StreamWriter log)
    {
        Index = index;
        Ports = ports;
        LogPath = logPath;
        _process = process;
        _log = log;
    }

    public int Index { get; }

    public NodePorts Ports { get; }

    public string GossipAddress => $"127.0.0.1:{Ports.Gossip}";

    public string AdminAddress => $"127.0.0.1:{Ports.Admin}";

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Name => string.Create(CultureInfo.InvariantCulture, $"node {Index} ({GossipAddress})");

    public static NodeProcess Start(string dotnet, string nodeDll, int index, NodePorts ports, int seedPort, string clusterName, string workDirectory)
    {
        var dataDirectory = Path.Combine(workDirectory, $"node{index}");
        Directory.CreateDirectory(dataDirectory);
        var logPath = Path.Combine(workDirectory, $"node{index}.log");

        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        string[] args =
        [
            nodeDll,
            "--listen", $"127.0.0.1:{ports.Gossip}",
            "--seeds", $"127.0.0.1:{seedPort}",
            "--admin", $"127.0.0.1:{ports.Admin}",
            "--data-dir", dataDirectory,
            "--cluster-name", clusterName,
            // Node 1 is the first seed of a cluster LocalCluster creates on purpose: say so, instead of being warned.
            .. (ports.Gossip == seedPort ? ["--new-cluster"] : Array.Empty<string>()),
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"# {dotnet} {string.Join(' ', args)}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var node = new NodeProcess(index, ports, logPath, process, log);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            node.Dispose();
            throw new LocalClusterException($"cannot start '{dotnet}' for node {index}: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>SIGKILL the node and everything it started: a crash, as the failure detector should see it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Ask the node to stop (SIGTERM) so it can announce its shutdown; false when that could not be sent.</summary>
    public bool RequestStop() => !_process.HasExited && Signals.TryTerminate(_process.Id);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>The last lines of the node's log, for explaining a failure on the console.</summary>
    public string Tail(int lines)
    {
        lock (_logLock)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return string.Join('\n', all.TakeLast(lines).Select(l => "    " + l));
    }

    public void Dispose()
    {
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the node was disposed has nowhere to go; it is not needed any more.
            }
        }
    }
}
