using System.Diagnostics;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>Runs a short system command (ip, nft) to completion and reports failures with their stderr.</summary>
internal static class CommandRunner
{
    public static (int ExitCode, string Output) Run(string file, params string[] arguments) => Run(file, arguments, input: null);

    public static (int ExitCode, string Output) Run(string file, string[] arguments, string? input)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string Check(string file, params string[] arguments) => Check(file, arguments, null);

    public static string Check(string file, string[] arguments, string? input)
    {
        var (code, output) = Run(file, arguments, input);
        if (code != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', arguments)}` failed with exit code {code}: {output.Trim()}");
        }

        return output;
    }

    public static bool OnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Any(directory => File.Exists(Path.Combine(directory, file)));
}
