namespace GossipActors.Protocol.FailureDetection;

/// <summary>The configuration paths of <see cref="FailureDetectorSettings"/>, so every error names the exact key an operator edits.</summary>
public static class FailureDetectorSettingKeys
{
    public const string Section = "gossip.failure-detector";
    public const string Model = Section + ".model";
    public const string Heartbeats = Section + ".heartbeats";
    public const string HeartbeatInterval = Section + ".heartbeat-interval";
    public const string Observers = Section + ".observers";
    public const string PhiConvictThreshold = Section + ".phi-convict-threshold";
    public const string EvaluationInterval = Section + ".evaluation-interval";
    public const string WindowSize = Section + ".window-size";
    public const string InitialInterval = Section + ".initial-interval";
    public const string MaxInterval = Section + ".max-interval";
    public const string MinStdDeviation = Section + ".min-std-deviation";
    public const string AcceptableHeartbeatPause = Section + ".acceptable-heartbeat-pause";
    public const string LocalPauseThreshold = Section + ".local-pause-threshold";
    public const string BacklogThreshold = Section + ".backlog-threshold";
    public const string FlapWindow = Section + ".flap-window";
}
