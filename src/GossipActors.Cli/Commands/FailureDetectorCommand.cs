using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl failuredetector</c>: phi and its history per peer.</summary>
public static class FailureDetectorCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "failuredetector",
        "Phi, mean interval, samples, last heartbeat age and flapping per peer",
        AdminRoutes.FailureDetector,
        (client, ct) => client.GetFailureDetectorAsync(ct),
        FailureDetectorRenderer.Render);
}
