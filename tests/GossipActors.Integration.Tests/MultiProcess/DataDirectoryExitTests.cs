using System.Diagnostics;
using System.Globalization;
using GossipActors.Integration.Tests.Netns;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11: a data directory the node cannot use is a configuration mistake, so the process exits 3 with one line on
/// stderr naming --data-dir and the operating system's reason; no stack trace, and not "cannot listen" (exit 6).
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class DataDirectoryExitTests(ITestOutputHelper output) : IDisposable
{
    // Generous: the node fails within a second, but a busy CI machine may take long to start a .NET process.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("gossip-data-dir-exit-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task A_data_dir_that_is_a_regular_file_exits_3_with_one_stderr_line_naming_the_setting_and_the_reason()
    {
        var file = Path.Combine(_scratch.FullName, "data");
        await File.WriteAllTextAsync(file, "not a directory");

        var run = await RunNodeAsync(prefix: [], dataDir: file);

        AssertRefused(run, file, "it is a regular file, not a directory");
    }

    [ReadOnlyDirectoryFact]
    public async Task A_data_dir_that_cannot_be_written_exits_3_with_one_stderr_line_naming_the_setting_and_the_reason()
    {
        var directory = Path.Combine(_scratch.FullName, "read-only");
        Directory.CreateDirectory(directory);
        var method = ReadOnlyDirectory.Method()!.Value;
        output.WriteLine($"made read-only with: {method}");

        RunResult run;
        if (method == ReadOnlyDirectory.Way.TmpfsMount)
        {
            // The read-only mount lives in a private mount namespace that dies with the node: nothing to unmount.
            run = await RunNodeAsync(["unshare", "--mount", "sh", "-c", "mount -t tmpfs -o ro gossip-ro \"$0\" || exit 97; exec \"$@\"", directory], directory);
        }
        else
        {
            ReadOnlyDirectory.Apply(method, directory, on: true);
            try
            {
                run = await RunNodeAsync(prefix: [], dataDir: directory);
            }
            finally
            {
                ReadOnlyDirectory.Apply(method, directory, on: false);
            }
        }

        AssertRefused(run, directory, ReadOnlyDirectory.ExpectedReason(method));
    }

    private void AssertRefused(RunResult run, string dataDir, string reason)
    {
        var context = $"exit {run.Code}\nstdout:\n{string.Join('\n', run.Stdout)}\nstderr:\n{string.Join('\n', run.Stderr)}";
        Assert.True(run.Code == 3, context);
        var line = Assert.Single(run.Stderr);
        Assert.Equal($"GossipActors.Node: invalid configuration: gossip.data-dir (--data-dir) '{dataDir}' is not usable: {reason}", line);
        Assert.DoesNotContain(run.Stdout, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private async Task<RunResult> RunNodeAsync(string[] prefix, string dataDir)
    {
        var ports = FreePorts.Take(2);
        string[] node =
        [
            Programs.DotnetHost, Programs.NodeDll,
            "--listen", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ports[0]}"),
            "--admin", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ports[1]}"),
            "--data-dir", dataDir,
            "--new-cluster",
        ];
        string[] command = [.. prefix, .. node];
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {command[0]}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Generous);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        var result = new RunResult(process.ExitCode, Lines(await stdout), Lines(await stderr));
        output.WriteLine($"$ {string.Join(' ', command)}\nexit {result.Code}\n{string.Join('\n', result.Stderr)}");
        return result;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private sealed record RunResult(int Code, string[] Stdout, string[] Stderr);
}

/// <summary>
/// A test that needs a directory the node cannot write. Root ignores permission bits, so as root a read-only tmpfs
/// mount (in a private mount namespace) is used, else an immutable directory (chattr +i); otherwise chmod does it.
/// Reported skipped, with the reason, when none works here.
/// </summary>
public sealed class ReadOnlyDirectoryFactAttribute : FactAttribute
{
    public ReadOnlyDirectoryFactAttribute()
    {
        if (ReadOnlyDirectory.Method() is null)
        {
            Skip = ReadOnlyDirectory.UnavailableReason;
        }
    }
}

internal static class ReadOnlyDirectory
{
    private static readonly Lazy<(Way? Way, string Reason)> Probe = new(Find);

    public enum Way
    {
        TmpfsMount,
        Immutable,
        Permissions,
    }

    public static string UnavailableReason => Probe.Value.Reason;

    public static Way? Method() => Probe.Value.Way;

    public static string ExpectedReason(Way way) => way switch
    {
        Way.TmpfsMount => "Read-only file system",
        Way.Immutable => "Operation not permitted",
        _ => "Permission denied",
    };

    public static void Apply(Way way, string directory, bool on)
    {
        if (way == Way.Immutable)
        {
            CommandRunner.Check("chattr", on ? "+i" : "-i", directory);
        }
        else if (way == Way.Permissions && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, on
                ? UnixFileMode.UserRead | UnixFileMode.UserExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static (Way?, string) Find()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "needs Linux");
        }

        if (Environment.UserName != "root")
        {
            return (Way.Permissions, string.Empty);
        }

        var probe = Directory.CreateTempSubdirectory("gossip-ro-probe-").FullName;
        try
        {
            var reasons = new List<string>();
            if (CommandRunner.OnPath("unshare") && CommandRunner.OnPath("mount"))
            {
                var (code, text) = CommandRunner.Run("unshare", "--mount", "sh", "-c", "mount -t tmpfs -o ro gossip-ro \"$0\" && ! touch \"$0/x\" 2>/dev/null", probe);
                if (code == 0)
                {
                    return (Way.TmpfsMount, string.Empty);
                }

                reasons.Add($"a read-only tmpfs mount in a private mount namespace failed ({text.Trim()})");
            }
            else
            {
                reasons.Add("unshare or mount is missing");
            }

            if (CommandRunner.OnPath("chattr"))
            {
                var (code, text) = CommandRunner.Run("chattr", "+i", probe);
                if (code == 0)
                {
                    CommandRunner.Run("chattr", "-i", probe);
                    return (Way.Immutable, string.Empty);
                }

                reasons.Add($"chattr +i failed ({text.Trim()})");
            }
            else
            {
                reasons.Add("chattr is missing");
            }

            return (null, "running as root, and no way to make a directory unwritable: " + string.Join("; ", reasons));
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }
}
