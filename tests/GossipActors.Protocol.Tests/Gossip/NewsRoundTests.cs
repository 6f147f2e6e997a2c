using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.CorePump;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>News rounds (gossip.news-round-min-gap): a join is gossiped at once, not at the next regular round.</summary>
public sealed class NewsRoundTests
{
    private static GossipSettings WithGap(long gapMs, params EndpointAddress[] seeds) => Settings("c", seeds) with { NewsRoundMinGapMs = gapMs };

    [Fact]
    public void A_node_that_begins_gossip_has_a_news_round_due_at_once()
    {
        var pump = new CorePump();
        var seed = pump.Add(1, Settings("c", Address(1)));
        pump.Do(seed, c => c.Start(pump.NowMs));

        Assert.Equal(GossipNodePhase.Running, seed.Phase);
        Assert.Equal(pump.NowMs, seed.NewsRoundDueAtMs);
    }

    [Fact]
    public void A_news_round_sends_syns_without_advancing_the_heartbeat()
    {
        var pump = new CorePump();
        var settings = Settings("c", Address(1));
        var seed = pump.Add(1, settings);
        var joiner = pump.Add(2, settings);
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs += 5));
        var heartbeat = joiner.Table.HeartBeatOf(joiner.LocalEndpoint)!.Value;
        Assert.Equal(pump.NowMs, joiner.NewsRoundDueAtMs);

        pump.Sent.Clear();
        pump.Do(joiner, c => c.TickNews(pump.NowMs));

        Assert.Contains(pump.Sent, m => m.From == joiner.LocalEndpoint && m.To == seed.LocalEndpoint && m.Message is GossipDigestSyn { Digests.Count: > 0 });
        Assert.Equal(heartbeat, joiner.Table.HeartBeatOf(joiner.LocalEndpoint));
        Assert.Equal(pump.NowMs + 100, joiner.NewsRoundDueAtMs);

        // A second call at the same instant finds nothing due.
        pump.Sent.Clear();
        pump.Do(joiner, c => c.TickNews(pump.NowMs));
        Assert.DoesNotContain(pump.Sent, m => m.From == joiner.LocalEndpoint);
    }

    [Fact]
    public void Learning_a_new_endpoint_asks_for_a_news_round_no_sooner_than_the_gap_after_the_last()
    {
        var pump = new CorePump();
        var settings = WithGap(100, Address(1));
        var seed = pump.Add(1, settings);
        var first = pump.Add(2, settings);
        var second = pump.Add(3, settings);
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(seed, c => c.TickNews(pump.NowMs));
        var lastNews = pump.NowMs;

        // 30 ms later a node joins: the seed hears its news round (its first SYN) and learns a new endpoint.
        pump.Do(first, c => c.Start(pump.NowMs += 30));
        pump.Do(first, c => c.TickNews(pump.NowMs));
        Assert.True(seed.Table.Contains(first.LocalEndpoint));
        Assert.Equal(lastNews + 100, seed.NewsRoundDueAtMs);

        // Ticked early, nothing happens; at the gap, it gossips.
        pump.Sent.Clear();
        pump.Do(seed, c => c.TickNews(lastNews + 99));
        Assert.DoesNotContain(pump.Sent, m => m.From == seed.LocalEndpoint && m.Message is GossipDigestSyn);
        pump.NowMs = lastNews + 100;
        pump.Do(seed, c => c.TickNews(pump.NowMs));
        Assert.Contains(pump.Sent, m => m.From == seed.LocalEndpoint && m.Message is GossipDigestSyn);

        // Much later, after its news rounds ran out, another join is news at once.
        for (var now = pump.NowMs + 10; now < pump.NowMs + 1_000; now += 10)
        {
            pump.Do(seed, c => c.TickNews(now));
        }

        Assert.Null(seed.NewsRoundDueAtMs);
        pump.NowMs += 5_000;
        pump.Do(second, c => c.Start(pump.NowMs));
        pump.Do(second, c => c.TickNews(pump.NowMs));
        Assert.Equal(pump.NowMs, seed.NewsRoundDueAtMs);
    }

    [Fact]
    public void News_is_pushed_in_a_few_rounds_a_gap_apart_then_no_more()
    {
        var pump = new CorePump();
        var seed = pump.Add(1, Settings("c", Address(1)));
        pump.Do(seed, c => c.Start(pump.NowMs));
        var rounds = new List<long>();
        for (var now = pump.NowMs; now < pump.NowMs + 900; now += 10)
        {
            if (seed.NewsRoundDueAtMs == now)
            {
                rounds.Add(now - pump.NowMs);
                pump.Do(seed, c => c.TickNews(now));
            }
        }

        Assert.Equal(GossipSettings.NewsRounds, rounds.Count);
        Assert.Equal([0L, 100, 200], rounds);
        Assert.Null(seed.NewsRoundDueAtMs);
    }

    [Fact]
    public void A_gap_of_zero_turns_news_rounds_off()
    {
        var pump = new CorePump();
        var settings = WithGap(0, Address(1));
        var seed = pump.Add(1, settings);
        var joiner = pump.Add(2, settings);
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs));
        pump.Rounds(2, seed, joiner);

        Assert.Null(seed.NewsRoundDueAtMs);
        Assert.Null(joiner.NewsRoundDueAtMs);
        pump.Sent.Clear();
        pump.Do(joiner, c => c.TickNews(pump.NowMs));
        Assert.Empty(pump.Sent);
    }
}
