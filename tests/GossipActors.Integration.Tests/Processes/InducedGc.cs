using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// A full, blocking garbage collection in another .NET process, through its diagnostics port: an EventPipe session
/// that enables the runtime's GCHeapCollect keyword induces one, which is how dotnet-gcdump takes a heap snapshot.
/// The node exposes no such command of its own; "memory comes back" is measured after one of these.
/// </summary>
public static class InducedGc
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcHeapCollectKeyword = 0x800000;

    public static async Task CollectAsync(int pid, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(pid);
        var providers = new[] { new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcHeapCollectKeyword) };
        using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 1, cancellationToken);
        var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
        // The collection runs when the session starts; stopping waits for the runtime to flush, so it has finished.
        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        await session.StopAsync(cancellationToken);
        await drain;
    }
}
