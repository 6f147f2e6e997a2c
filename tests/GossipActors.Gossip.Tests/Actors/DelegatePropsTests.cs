using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// Actors created often (a round actor per gossip round) are made by a delegate: no expression tree compiled per actor,
/// so an idle node's JIT does not work every round.
/// </summary>
public sealed class DelegatePropsTests : DeterministicTestKit
{
    public DelegatePropsTests() : base(seed: 31) { }

    [Fact]
    public void Props_from_a_delegate_compile_nothing_per_actor_where_an_expression_compiles_each_argument()
    {
        var start = new Holder(7);
        MakeDelegateProps(start);
        MakeExpressionProps(start);

        var before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        for (var i = 0; i < 20; i++)
        {
            MakeDelegateProps(new Holder(i));
        }

        var byDelegate = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;

        before = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
        for (var i = 0; i < 20; i++)
        {
            MakeExpressionProps(new Holder(i));
        }

        var byExpression = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) - before;

        Assert.Equal(0, byDelegate);
        // The measurement sees compilations: Akka's expression form compiles the argument every time.
        Assert.True(byExpression >= 20, $"{byExpression} methods compiled for 20 expression props");
    }

    [Fact]
    public void An_actor_from_a_delegate_gets_its_arguments_and_is_made_again_by_the_delegate_on_restart()
    {
        var start = new Holder(42);
        var made = 0;
        var actor = ActorOf(DelegateProps.Of(() =>
        {
            made++;
            return new Echo(start.Value);
        }));

        actor.Tell("value", TestActor);
        Assert.Equal(42, ExpectMsg<int>());
        actor.Tell("crash");   // restarted by the guardian's default strategy
        RunUntilIdle();
        actor.Tell("value", TestActor);
        Assert.Equal(42, ExpectMsg<int>());
        Assert.Equal(2, made);
    }

    private static Props MakeDelegateProps(Holder start) => DelegateProps.Of(() => new Echo(start.Value));

    private static Props MakeExpressionProps(Holder start) => Props.Create(() => new Echo(start.Value));

    private sealed record Holder(int Value);

    private sealed class Echo : ReceiveActor
    {
        public Echo(int value) => Receive<string>(message =>
        {
            if (message == "crash")
            {
                throw new InvalidOperationException("crash");
            }

            Sender.Tell(value);
        });
    }
}
