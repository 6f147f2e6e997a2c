using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// A process started inside a network namespace with its output captured line by line, so a test can wait for
/// a line under a deadline. Dispose kills it (and only it, by process id).
/// </summary>
public sealed class NetnsProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper? _output;
    private readonly string _label;

    private NetnsProcess(Process process, string label, ITestOutputHelper? output)
    {
        _process = process;
        _label = label;
        _output = output;
    }

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public bool HasExited => _process.HasExited;

    public static NetnsProcess Start(string netns, string label, ITestOutputHelper? output, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo("ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in MtuLab.Exec(netns, [file, .. arguments]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var wrapper = new NetnsProcess(process, label, output);
        process.OutputDataReceived += (_, e) => wrapper.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Polls until a line matches or the deadline passes; returns the line or null.</summary>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            var found = _lines.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited)
            {
                // Let the asynchronous readers drain what the process wrote before exiting.
                _process.WaitForExit();
                return _lines.FirstOrDefault(match);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return null;
    }

    public Task<string?> WaitForPrefixAsync(string prefix, TimeSpan deadline) =>
        WaitForLineAsync(line => line.StartsWith(prefix, StringComparison.Ordinal), deadline);

    public void Dispose()
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

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        try
        {
            _output?.WriteLine($"[{_label}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test finished; xunit no longer accepts output.
        }
    }
}
