using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

/// <summary>Small actors shared by the kernel tests.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        ReceiveAny(message => Sender.Tell(message));
    }
}

/// <summary>Reports every lifecycle hook and message to a probe, and throws on request.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _report;
    private int _seen;

    public LifecycleActor(IActorRef report, string label = "")
    {
        _report = report;
        Label = label;
        Receive<Boom>(boom => throw new InvalidOperationException(boom.Reason));
        Receive<string>(text => _report.Tell($"{Label}got:{text}#{++_seen}"));
    }

    public string Label { get; }

    protected override void PreStart() => _report.Tell($"{Label}prestart");

    protected override void PostStop() => _report.Tell($"{Label}poststop");

    protected override void PreRestart(Exception reason, object? message)
    {
        _report.Tell($"{Label}prerestart:{reason.Message}:{message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        _report.Tell($"{Label}postrestart");
        base.PostRestart(reason);
    }
}

internal sealed record Boom(string Reason);
