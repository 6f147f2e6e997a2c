using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class NamingTests : TestKit.TestKit
{
    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("$reserved")]
    [InlineData("ünicode")]
    public void Invalid_names_are_rejected_naming_parent_and_name(string name)
    {
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), name));

        Assert.Contains("[/user]", error.Message, StringComparison.Ordinal);
        if (name.Length > 0)
        {
            Assert.Contains($"[{name}]", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Duplicate_child_name_is_rejected_naming_parent_and_name()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Spawner()), "gossip");
        parent.Tell("rounds");
        ExpectMsg<IActorRef>();

        parent.Tell("rounds");

        var error = ExpectMsg<InvalidActorNameException>();
        Assert.Contains("[rounds]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[/user/gossip]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_names_with_punctuation_and_generated_names_work()
    {
        var named = Sys.ActorOf(Props.Create(() => new EchoActor()), "10.0.0.1:7000");
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var second = Sys.ActorOf(Props.Create(() => new EchoActor()));

        Assert.Equal("/user/10.0.0.1:7000", named.Path.ToString());
        Assert.StartsWith("$", first.Path.Name, StringComparison.Ordinal);
        Assert.NotEqual(first.Path, second.Path);
    }

    [Fact]
    public void A_name_is_free_again_once_the_old_actor_has_stopped()
    {
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()), "reused");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        var second = Sys.ActorOf(Props.Create(() => new EchoActor()), "reused");

        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void System_names_are_validated()
    {
        var error = Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Contains("[bad name]", error.Message, StringComparison.Ordinal);
    }

    private sealed class Spawner : ReceiveActor
    {
        public Spawner()
        {
            Receive<string>(name =>
            {
                try
                {
                    Sender.Tell(Context.ActorOf(Props.Create(() => new EchoActor()), name));
                }
                catch (InvalidActorNameException ex)
                {
                    Sender.Tell(ex);
                }
            });
        }
    }
}
