namespace GossipActors.Protocol.FailureDetection;

/// <summary>Settings the failure detector refuses to start with; the message lists every problem, one per line.</summary>
public sealed class FailureDetectorSettingsException : Exception
{
    public FailureDetectorSettingsException()
        : this(["invalid failure detector settings"])
    {
    }

    public FailureDetectorSettingsException(string message)
        : this([message])
    {
    }

    public FailureDetectorSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public FailureDetectorSettingsException(IReadOnlyList<string> errors)
        : base("invalid failure detector settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<string> Errors { get; }
}
