namespace GossipActors.Protocol.Model;

/// <summary>An application state's value with the version of the owner's counter when it was set.</summary>
public sealed record VersionedValue(string Value, int Version);
