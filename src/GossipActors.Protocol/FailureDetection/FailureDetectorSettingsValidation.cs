namespace GossipActors.Protocol.FailureDetection;

/// <summary>Everything wrong (errors: refuse to start) or doubtful (warnings: log and go on) about a settings value.</summary>
public sealed record FailureDetectorSettingsValidation(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new FailureDetectorSettingsException(Errors);
        }
    }
}
