using System.Text.Json;
using System.CommandLine;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl config check FILE</c>: validates a node configuration file as the node would (unknown keys, types,
/// ranges); exit 0 and "FILE: valid", or exit 3 (the node's own code for invalid configuration) with one problem per
/// line on stderr.
/// </summary>
internal static class ConfigCheckCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Node configuration file (HOCON, .json or .properties) to validate." };
        var json = JsonOption.Create();
        var command = new Command("check", "Validate a node configuration file exactly as the node would (exit 3 when it would refuse it).")
        {
            file,
            json,
        };
        command.SetAction(parseResult => Check(
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Check(string file, bool json, TextWriter output, TextWriter error)
    {
        var problems = NodeConfigurationCheck.Problems(file);
        if (json)
        {
            // The verdict on stdout for scripts; the exit code is the same as without --json.
            output.WriteLine(Json(file, problems));
        }
        else if (problems is not null)
        {
            error.WriteLine(problems);
        }
        else
        {
            output.WriteLine($"{file}: valid");
        }

        return problems is null ? ExitCodes.Success : ExitCodes.InvalidConfiguration;
    }

    /// <summary><c>{"file": …, "valid": …, "problems": [one per line]}</c>.</summary>
    private static string Json(string file, string? problems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteBoolean("valid", problems is null);
            writer.WriteStartArray("problems");
            foreach (var line in (problems ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                writer.WriteStringValue(line);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
