namespace GossipActors.AdminClient.Contract;

/// <summary>
/// nodetool's two-letter status code: U/D for liveness, then N/L/J/M for the state. LEFT and
/// SHUTDOWN have no nodetool letter; they get X and S so they are never mistaken for NORMAL.
/// </summary>
public static class StatusCode
{
    public static string Of(Liveness liveness, MembershipState state) =>
        string.Concat(LivenessLetter(liveness), StateLetter(state));

    public static char LivenessLetter(Liveness liveness) => liveness == Liveness.Up ? 'U' : 'D';

    public static char StateLetter(MembershipState state) => state switch
    {
        MembershipState.Normal => 'N',
        MembershipState.Leaving => 'L',
        MembershipState.Left => 'X',
        MembershipState.Joining => 'J',
        MembershipState.Moving => 'M',
        MembershipState.Shutdown => 'S',
        _ => '?',
    };
}
