namespace GossipActors.Hosting.Admin;

/// <summary>Why the admin endpoint will not serve a request: the status to answer and the one-line error body.</summary>
/// <param name="Challenge">True for a 401 that must say, in WWW-Authenticate, which scheme to use.</param>
internal sealed record AdminRefusal(int Status, string Message, bool Challenge = false);
