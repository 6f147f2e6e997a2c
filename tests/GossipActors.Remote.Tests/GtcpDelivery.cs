using Akka.Actor;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>What the gtcp security tests check between two systems: a 100 KB message answered, or why a dial failed.</summary>
internal static class GtcpDelivery
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public static async Task AssertDeliveredAsync(ActorSystem a, ActorSystem b)
    {
        b.ActorOf(Props.Create(() => new Reply()), "inbox");
        var inbox = GtcpSystems.Remote(a, b, "inbox");
        var large = new string('t', 100_000);
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                Assert.Equal(large.Length, await inbox.Ask<int>(large, TimeSpan.FromSeconds(5)));
                return;
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < until)
            {
                // The first message may be lost while the association forms; asked again.
            }
        }
    }

    /// <summary>Sends from <paramref name="from"/> to an inbox on <paramref name="to"/> and returns why the dial failed.</summary>
    public static async Task<Transport.PeerDialFailed> FirstDialFailureAsync(ActorSystem from, ActorSystem to)
    {
        var failures = new TaskCompletionSource<Transport.PeerDialFailed>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = from.ActorOf(Props.Create(() => new FirstOf(failures)));
        from.EventStream.Subscribe(listener, typeof(Transport.PeerDialFailed));
        to.ActorOf(Props.Create(() => new Reply()), "inbox");

        GtcpSystems.Remote(from, to, "inbox").Tell("hello", ActorRefs.NoSender);

        return await failures.Task.WaitAsync(Deadline);
    }

    public sealed class Reply : ReceiveActor
    {
        public Reply() => Receive<string>(text => Sender.Tell(text.Length));
    }

    public sealed class FirstOf : ReceiveActor
    {
        public FirstOf(TaskCompletionSource<Transport.PeerDialFailed> first) => Receive<Transport.PeerDialFailed>(f => first.TrySetResult(f));
    }
}
