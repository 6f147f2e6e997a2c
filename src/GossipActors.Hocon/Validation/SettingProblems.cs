namespace GossipActors.Hocon;

/// <summary>
/// Collects the problems of a whole section instead of stopping at the first, so one run of the node (or of
/// <c>gossipctl config check</c>) names every wrong setting: each read goes through <see cref="Read{T}"/>, and
/// <see cref="ThrowIfAny"/> throws one <see cref="ConfigException"/> listing them, one per line.
/// </summary>
public sealed class SettingProblems
{
    private readonly List<string> _messages = [];

    /// <summary>The problems so far, in the order they were found.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>The value <paramref name="read"/> returns, or <paramref name="placeholder"/> (never used: the binding fails) after recording its error.</summary>
    public T Read<T>(Func<T> read, T placeholder)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (ConfigException problem)
        {
            Add(problem.Message);
            return placeholder;
        }
    }

    /// <summary>
    /// Records a problem (a message of several lines, another section's list, counts as one problem a line); one already
    /// recorded (a setting two binders read) is not repeated.
    /// </summary>
    public void Add(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var line in message.Split(Environment.NewLine))
        {
            if (!_messages.Contains(line))
            {
                _messages.Add(line);
            }
        }
    }

    /// <exception cref="ConfigException">At least one problem was recorded; the message lists them all, one per line.</exception>
    public void ThrowIfAny()
    {
        if (_messages.Count > 0)
        {
            throw new ConfigException(string.Join(Environment.NewLine, _messages));
        }
    }
}
