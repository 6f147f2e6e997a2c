using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>What the receiver of a SYN does about one remote digest.</summary>
public enum ExamineAction
{
    /// <summary>Same generation and version: both sides agree.</summary>
    Nothing,

    /// <summary>Remote generation newer, or endpoint unknown: request everything, <c>(ep, remoteGen, 0)</c>.</summary>
    RequestAll,

    /// <summary>Local generation newer: send every state (version &gt; 0).</summary>
    SendAll,

    /// <summary>Same generation, remote version higher: request <c>(ep, gen, localMax)</c>.</summary>
    RequestNewer,

    /// <summary>Same generation, remote version lower: send the states with version &gt; remoteMax.</summary>
    SendNewer,
}

/// <summary>
/// The SYN receiver's side of a round: compares the sender's digests with the local table and builds
/// the ACK (what to ask for, what to send). Pure, and linear in the number of digests.
/// </summary>
public static class DigestExaminer
{
    /// <summary>The rule for one digest; <paramref name="local"/> is null when the endpoint is unknown.</summary>
    public static ExamineAction Decide(HeartBeatState? local, int localMaxVersion, GossipDigest remote)
    {
        if (local is not { } known)
        {
            return ExamineAction.RequestAll;
        }

        if (remote.Generation > known.Generation)
        {
            return ExamineAction.RequestAll;
        }

        if (remote.Generation < known.Generation)
        {
            return ExamineAction.SendAll;
        }

        return remote.MaxVersion > localMaxVersion ? ExamineAction.RequestNewer
            : remote.MaxVersion < localMaxVersion ? ExamineAction.SendNewer
            : ExamineAction.Nothing;
    }

    /// <summary>
    /// Builds the ACK for <paramref name="digests"/>. Endpoints for which <paramref name="ignore"/> answers
    /// true (quarantined ones) are neither requested nor sent.
    /// </summary>
    public static GossipDigestAck Examine(ClusterStateTable table, IReadOnlyList<GossipDigest> digests, Func<EndpointAddress, bool>? ignore = null)
    {
        var requests = new List<GossipDigest>(digests.Count / 2);
        var states = new EndpointStateList(digests.Count / 2);
        var hint = 0;
        for (var i = 0; i < digests.Count; i++)
        {
            var digest = digests[i];
            if (ignore is not null && ignore(digest.Endpoint))
            {
                continue;
            }

            var position = table.Find(digest.Endpoint, ref hint);
            if (position < 0)
            {
                requests.Add(new GossipDigest(digest.Endpoint, digest.Generation, 0));
                continue;
            }

            var localMax = table.MaxVersionAt(position);
            switch (Decide(table.HeartBeatAt(position), localMax, digest))
            {
                case ExamineAction.RequestAll:
                    requests.Add(new GossipDigest(digest.Endpoint, digest.Generation, 0));
                    break;
                case ExamineAction.RequestNewer:
                    requests.Add(new GossipDigest(digest.Endpoint, digest.Generation, localMax));
                    break;
                case ExamineAction.SendAll:
                    AddIfAny(states, digest.Endpoint, table.StateNewerThanAt(position, 0));
                    break;
                case ExamineAction.SendNewer:
                    AddIfAny(states, digest.Endpoint, table.StateNewerThanAt(position, digest.MaxVersion));
                    break;
                case ExamineAction.Nothing:
                    break;
            }
        }

        return new GossipDigestAck(requests, states);
    }

    /// <summary>The ACK2 for an ACK's requests: for each, the local states newer than the requested version.</summary>
    public static GossipDigestAck2 BuildAck2(ClusterStateTable table, IReadOnlyList<GossipDigest> requests)
    {
        var states = new EndpointStateList(requests.Count);
        var hint = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var position = table.Find(request.Endpoint, ref hint);
            if (position >= 0)
            {
                AddIfAny(states, request.Endpoint, table.StateNewerThanAt(position, request.MaxVersion));
            }
        }

        return new GossipDigestAck2(states);
    }

    /// <summary>Every known state in full: the answer to a shadow round's empty SYN.</summary>
    public static GossipDigestAck FullState(ClusterStateTable table)
    {
        var states = new EndpointStateList(table.Count);
        foreach (var (endpoint, state) in table.Snapshot().States)
        {
            states.Add(endpoint, state);
        }

        return new GossipDigestAck([], states);
    }

    private static void AddIfAny(EndpointStateList states, EndpointAddress endpoint, EndpointState? state)
    {
        if (state is not null)
        {
            states.Add(endpoint, state);
        }
    }
}
