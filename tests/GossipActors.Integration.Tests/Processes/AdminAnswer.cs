namespace GossipActors.Integration.Tests.Processes;

/// <summary>What a node's admin endpoint said: the HTTP status (null when it could not be reached) and its text.</summary>
public sealed record AdminAnswer(int? HttpStatus, string Text)
{
    public bool IsOk => HttpStatus == 200;

    public override string ToString() => $"{HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer"}: {Text}";
}
