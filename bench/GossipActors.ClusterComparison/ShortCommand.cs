using System.Diagnostics;

namespace GossipActors.ClusterComparison;

/// <summary>Runs a short command (nft, serf tags) to its end and returns its exit code and everything it printed.</summary>
public static class ShortCommand
{
    /// <summary>Exit code 127 and the reason when the program cannot be started.</summary>
    public static async Task<(int Code, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var command = Process.Start(start) ?? throw new ComparisonException($"could not start {program}");
            if (input is not null)
            {
                await command.StandardInput.WriteAsync(input);
                command.StandardInput.Close();
            }

            var output = command.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = command.StandardError.ReadToEndAsync(cancellationToken);
            await command.WaitForExitAsync(cancellationToken);
            return (command.ExitCode, await output + await errors);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, $"{program} not found ({ex.Message})");
        }
    }
}
