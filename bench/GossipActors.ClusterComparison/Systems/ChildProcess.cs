using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// One node process of any system: its output goes to its own log file and, line by line as it arrives, to an
/// optional observer (the Akka and Serf nodes announce their events there). Stopped with SIGTERM, killed with SIGKILL.
/// </summary>
public sealed partial class ChildProcess : IDisposable
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly Action<string>? _onLine;
    private readonly Func<string, bool>? _isReadyLine;
    private long _readyAt;

    private ChildProcess(Process process, StreamWriter log, string logPath, Action<string>? onLine, Func<string, bool>? isReadyLine)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        _onLine = onLine;
        _isReadyLine = isReadyLine;
    }

    /// <summary>
    /// When the process printed its first ready line (a <see cref="Stopwatch"/> timestamp), or null before that or
    /// when it was started without a way to recognise one.
    /// </summary>
    public long? ReadyAt => Interlocked.Read(ref _readyAt) is var at && at != 0 ? at : null;

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(
        string program,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        string logPath,
        Action<string>? onLine,
        bool withInput = false,
        Func<string, bool>? isReadyLine = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = withInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"# {program} {string.Join(' ', arguments)}");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, logPath, onLine, isReadyLine);
        process.OutputDataReceived += (_, e) => child.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => child.Receive(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            child.Dispose();
            throw new ComparisonException($"cannot start '{program}': {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Writes one line to the process's stdin (started with withInput).</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL: a crash, as the other nodes' failure detectors should see it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGSTOP: the process freezes (a long GC or VM stall, as its peers see it) until <see cref="Continue"/>.</summary>
    public void Freeze() => Signal(SigStop, "SIGSTOP");

    /// <summary>SIGCONT: a frozen process runs again.</summary>
    public void Continue() => Signal(SigCont, "SIGCONT");

    /// <summary>Stops the node (SIGTERM, then SIGKILL after <paramref name="grace"/>).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            Kill();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The last lines of the node's log, to explain a failure.</summary>
    public string Tail(int lines) => string.Join('\n', LogLines().TakeLast(lines).Select(l => "    " + l));

    /// <summary>Every line of the node's log so far.</summary>
    public IReadOnlyList<string> LogLines()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }

    public void Dispose()
    {
        _process.Dispose();
        lock (_logLock)
        {
            _log.Dispose();
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_isReadyLine is not null && Interlocked.Read(ref _readyAt) == 0 && _isReadyLine(line))
        {
            Interlocked.CompareExchange(ref _readyAt, Stopwatch.GetTimestamp(), 0);
        }

        _onLine?.Invoke(line);
        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the run ended has nowhere to go and is not needed.
            }
        }
    }

    private void Signal(int signal, string name)
    {
        if (SendSignal(_process.Id, signal) != 0)
        {
            throw new ComparisonException($"{name} to process {_process.Id} failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
