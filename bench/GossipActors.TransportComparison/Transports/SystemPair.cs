using Akka.Actor;

namespace GossipActors.TransportComparison.Transports;

/// <summary>
/// Systems A and B, in this process, talking over loopback TCP through the chosen transport.
/// One process rather than two, because: one <see cref="System.Diagnostics.Stopwatch"/> clock stamps and reads
/// one-way latency without clock synchronisation; two processes would compete for the same 2 cores anyway; and
/// what the two systems share here (the .NET thread pool Akka's default dispatcher runs on, one GC heap) is the
/// same for every transport, so the side-by-side comparison stays fair. Messages still cross real sockets: Akka
/// has no in-process short cut between systems with different addresses.
/// </summary>
public sealed class SystemPair : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    private SystemPair(ActorSystem a, ActorSystem b, Address addressOfB)
    {
        A = a;
        B = b;
        AddressOfB = addressOfB;
    }

    /// <summary>The sending side.</summary>
    public ActorSystem A { get; }

    /// <summary>The receiving side.</summary>
    public ActorSystem B { get; }

    /// <summary>B's address as its transport bound it (the port is chosen by the OS).</summary>
    public Address AddressOfB { get; }

    /// <summary>Starts both systems; if either fails, nothing is left running.</summary>
    public static async Task<SystemPair> StartAsync(TransportKind kind, string? overrides)
    {
        ActorSystem? a = null;
        ActorSystem? b = null;
        try
        {
            a = ActorSystem.Create("bench-a", TransportConfig.For(kind, TransportConfig.ListenPort(kind), overrides));
            b = ActorSystem.Create("bench-b", TransportConfig.For(kind, TransportConfig.ListenPort(kind), overrides));
            var address = ((ExtendedActorSystem)b).Provider.DefaultAddress;
            var expected = TransportConfig.Protocol(kind);
            if (address.Protocol != expected)
            {
                throw new InvalidOperationException(
                    $"B is bound as {address}, not {expected}://: the configuration did not select the {TransportConfig.Name(kind)} transport.");
            }

            return new SystemPair(a, b, address);
        }
        catch
        {
            await TerminateAsync(a, b);
            throw;
        }
    }

    /// <summary>
    /// A's reference to an actor on B, found the way a remote user would: by path, over the transport (Identify),
    /// which also opens the association before anything is measured.
    /// </summary>
    public Task<IActorRef> ResolveOnBAsync(string name, TimeSpan timeout) =>
        A.ActorSelection(new RootActorPath(AddressOfB) / "user" / name).ResolveOne(timeout);

    public async ValueTask DisposeAsync() => await TerminateAsync(A, B);

    private static async Task TerminateAsync(ActorSystem? a, ActorSystem? b)
    {
        var terminations = new[] { a, b }.OfType<ActorSystem>().Select(system => system.Terminate());
        try
        {
            await Task.WhenAll(terminations).WaitAsync(ShutdownTimeout);
        }
        catch (TimeoutException)
        {
            // A transport that cannot shut down cleanly must not hang the other transport's run behind it.
            await Console.Error.WriteLineAsync($"warning: the actor systems did not terminate within {ShutdownTimeout.TotalSeconds:N0} s");
        }
    }
}
