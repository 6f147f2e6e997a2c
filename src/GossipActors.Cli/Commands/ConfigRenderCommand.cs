using System.CommandLine;
using GossipActors.Hocon;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl config render FILE [--path a.b] [--with-defaults]</c>: prints the fully resolved file as JSON. A file
/// the node would refuse (syntax, unknown key, wrong type, out of range: the checks of <c>config check</c>) prints
/// nothing and gives its problems on stderr and exit code 3, the node's own; a <c>--path</c> that is not there gives exit 1.
/// </summary>
internal static class ConfigRenderCommand
{
    /// <summary>The file is valid but <c>--path</c> names nothing in it.</summary>
    public const int PathNotFound = 1;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "HOCON (.conf), JSON (.json) or .properties file to render." };
        var path = new Option<string?>("--path") { Description = "Render only the value at this path, e.g. gossip.failure-detector." };
        var withDefaults = new Option<bool>("--with-defaults") { Description = "Merge reference.conf (every default) under the file before resolving." };

        // Its output is JSON already; --json is accepted so a script can pass it to every command alike.
        var json = JsonOption.Create();
        var command = new Command("render", "Print the fully resolved configuration as JSON.")
        {
            file,
            path,
            withDefaults,
            json,
        };

        command.SetAction(parseResult => Render(
            parseResult.GetValue(file)!,
            parseResult.GetValue(path),
            parseResult.GetValue(withDefaults),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Render(string file, string? path, bool withDefaults, TextWriter output, TextWriter error)
    {
        if (NodeConfigurationCheck.Problems(file) is { } problems)
        {
            error.WriteLine(problems);
            return ExitCodes.InvalidConfiguration;
        }

        try
        {
            var parsed = HoconConfig.ParseFile(file, HoconParseOptions.Default with { Resolve = false });
            var config = RenderedSecrets.Hide(withDefaults ? HoconConfig.LoadWithDefaults(parsed) : parsed.Resolve());
            var value = path is null ? config.Root : config.GetValue(path);
            output.WriteLine(value.ToJson());
            return 0;
        }
        catch (HoconParseException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.InvalidConfiguration;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"{file}: {e.Message}");
            return PathNotFound;
        }
    }
}
