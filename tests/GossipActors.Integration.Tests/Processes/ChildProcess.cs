using System.Diagnostics;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// A program started by a test, optionally inside a network namespace (through <c>ip netns exec</c>, which
/// execs the program, so the process id is the program's own). Its output is kept line by line for waiting on
/// a line and for the log tail a failing assertion shows. Dispose SIGKILLs it (by process id, nothing else).
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly ITestOutputHelper? _output;

    private ChildProcess(Process process, string label, ITestOutputHelper? output)
    {
        _process = process;
        Label = label;
        _output = output;
    }

    public string Label { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The program's process id (its own even inside a namespace: <c>ip netns exec</c> execs it).</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c>, inside <paramref name="netns"/> when given.</summary>
    public static ChildProcess StartDotnet(string label, ITestOutputHelper? output, string? netns, string dll, params string[] arguments) =>
        Start(label, output, netns, Programs.DotnetHost, [dll, .. arguments]);

    /// <summary>As <see cref="StartDotnet(string, ITestOutputHelper?, string?, string, string[])"/>, with extra environment variables.</summary>
    public static ChildProcess StartDotnetWith(IReadOnlyDictionary<string, string> environment, string label, ITestOutputHelper? output, string dll, params string[] arguments) =>
        Start(label, output, null, Programs.DotnetHost, [dll, .. arguments], environment);

    public static ChildProcess Start(string label, ITestOutputHelper? output, string? netns, string file, params string[] arguments) =>
        Start(label, output, netns, file, arguments, environment: null);

    private static ChildProcess Start(string label, ITestOutputHelper? output, string? netns, string file, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(netns is null ? file : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        IEnumerable<string> all = netns is null ? arguments : ["netns", "exec", netns, file, .. arguments];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        // Console loggers must not wait for a terminal, and the node's own colouring would litter the tails.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process, label, output);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Polls until a line matches (or the process exits, or the deadline passes); returns the line or null.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            var found = Lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                // Let the asynchronous readers drain what the process wrote before exiting.
                _process.WaitForExit();
                return Lines.FirstOrDefault(match);
            }

            if (DateTime.UtcNow >= until)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public Task<string?> WaitForTextAsync(string text, TimeSpan deadline) =>
        WaitForLineAsync(line => line.Contains(text, StringComparison.Ordinal), deadline);

    /// <summary>Waits for the process to exit; true when it did (its output is then complete).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var cancel = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            _process.WaitForExit();
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>
    /// SIGTERM, the operator's ordinary stop, then waits for the exit: the exit code, or null when the process
    /// was still running at the deadline (it is left running; Dispose kills it).
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan deadline)
    {
        if (!_process.HasExited && !Signals.TryTerminate(_process.Id) && !_process.HasExited)
        {
            throw new InvalidOperationException($"could not send SIGTERM to {Label} (pid {_process.Id})");
        }

        return await WaitForExitAsync(deadline) ? _process.ExitCode : null;
    }

    /// <summary>SIGKILL: a crash, as the failure detector should see it.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    /// <summary>The last lines of output, indented, headed by the label: for assertion messages.</summary>
    public string Tail(int lines = 40)
    {
        var all = Lines;
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "running";
        return $"--- last {Math.Min(lines, all.Count)} of {all.Count} lines of {Label} ({state}) ---\n" +
               string.Join('\n', all.TakeLast(lines).Select(l => "    " + Shorten(l)));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    // A 37 KB application state in a line would drown the tail.
    private static string Shorten(string line) => line.Length <= 600 ? line : line[..600] + $"… ({line.Length} chars)";

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }

        try
        {
            _output?.WriteLine($"[{Label}] {Shorten(line)}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; xunit no longer accepts output.
        }
    }
}
