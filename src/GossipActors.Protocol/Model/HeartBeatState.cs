namespace GossipActors.Protocol.Model;

/// <summary>
/// Generation is the node's start time in epoch seconds (it grows across restarts); version is the
/// node's one counter shared by the heartbeat and every application state (it grows within a run).
/// </summary>
public readonly record struct HeartBeatState(int Generation, int Version);
