using System.CommandLine;
using System.CommandLine.Invocation;

namespace GossipActors.Cli.Commands;

/// <summary>
/// Invokes a gossipctl root command so that wrong arguments give one line on stderr and exit code 2
/// instead of System.CommandLine's multi-line error plus full help text.
/// </summary>
public static class GossipctlCommandLine
{
    public static async Task<int> InvokeAsync(
        RootCommand root,
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
        {
            var command = string.Join(' ', CommandPath(parseResult.CommandResult.Command));
            await error.WriteLineAsync($"gossipctl: {MostSpecific(parseResult)} (see '{command} --help')");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    // "gossipctl statuss" yields both "Required command was not provided" and "Unrecognized command or
    // argument 'statuss'"; the one naming the operator's typo is the useful one.
    private static string MostSpecific(ParseResult parseResult)
    {
        var typo = parseResult.UnmatchedTokens.FirstOrDefault();
        var naming = typo is null
            ? null
            : parseResult.Errors.FirstOrDefault(e => e.Message.Contains($"'{typo}'", StringComparison.Ordinal));
        return (naming ?? parseResult.Errors[0]).Message;
    }

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current is RootCommand ? "gossipctl" : current.Name);
        }

        names.Reverse();
        return names;
    }
}
