namespace GossipActors.Chaos.Faults;

/// <summary>
/// One fault of the seeded schedule: when it is due (from the start of the fault period), what, for how long, and its
/// seeded choices (Amount: the loss in percent, or the delay in ms) (which node or sides are drawn when it fires, from <see cref="Draw"/>, since which nodes are free
/// then depends on the faults before it).
/// </summary>
/// <param name="Required">One of the every-kind-once faults: tried after the fault period too, until done.</param>
public sealed record PlannedFault(TimeSpan Due, FaultKind Kind, TimeSpan Duration, int Amount, int Draw, bool Required);
