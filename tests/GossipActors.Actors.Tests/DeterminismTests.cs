using GossipActors.Actors;
using GossipActors.TestKit;

namespace GossipActors.Actors.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_the_same_message_order_across_actors()
    {
        var first = RunScenario(seed: 42);
        var second = RunScenario(seed: 42);

        Assert.Equal(first, second);
        Assert.Equal(5 * 20, first.Count);
    }

    [Fact]
    public void Different_seeds_explore_different_interleavings()
    {
        var orders = Enumerable.Range(1, 6).Select(seed => string.Join(",", RunScenario(seed))).Distinct().Count();

        Assert.True(orders > 1, "six seeds all produced the same interleaving");
    }

    /// <summary>Five actors each relay 20 messages to a shared recorder; the recorder's arrival order is the result.</summary>
    private static List<string> RunScenario(int seed)
    {
        using var kit = new ScenarioKit(seed);
        return kit.Run();
    }

    private sealed class ScenarioKit(int seed) : TestKit.TestKit(new TestKitOptions { Seed = seed })
    {
        public List<string> Run()
        {
            var relays = Enumerable.Range(0, 5)
                .Select(i => Sys.ActorOf(Props.Create(() => new Relay($"r{i}", TestActor)), $"relay-{i}"))
                .ToList();
            for (var n = 0; n < 20; n++)
            {
                foreach (var relay in relays)
                {
                    relay.Tell(n);
                }
            }

            return ReceiveN(100).Cast<string>().ToList();
        }
    }

    private sealed class Relay : ReceiveActor
    {
        public Relay(string name, IActorRef recorder)
        {
            Receive<int>(n => recorder.Tell($"{name}:{n}"));
        }
    }
}
