namespace GossipActors.Actors.Internal;

/// <summary>What an actor name may look like, and the generated names for anonymous children.</summary>
internal static class ActorNames
{
    private const string AllowedPunctuation = "-_.:@&=+,!~*'$;";

    public static void Validate(string name, ActorPath parent)
    {
        if (name.Length == 0)
        {
            throw new InvalidActorNameException($"Actor name under parent [{parent}] must not be empty");
        }

        if (name[0] == '$')
        {
            throw new InvalidActorNameException(
                $"Actor name [{name}] under parent [{parent}] must not start with '$' (reserved for generated names)");
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && !AllowedPunctuation.Contains(c, StringComparison.Ordinal))
            {
                throw new InvalidActorNameException(
                    $"Invalid actor name [{name}] under parent [{parent}]: character '{c}' at position {i} is not allowed " +
                    $"(use ASCII letters, digits and {AllowedPunctuation})");
            }
        }
    }

    /// <summary><c>$a</c>, <c>$b</c>, ..., <c>$ba</c>: short, unique per parent, never valid as a user name.</summary>
    public static string Generate(long number)
    {
        Span<char> buffer = stackalloc char[16];
        var position = buffer.Length;
        do
        {
            buffer[--position] = (char)('a' + (number % 26));
            number /= 26;
        }
        while (number > 0);

        buffer[--position] = '$';
        return new string(buffer[position..]);
    }
}
