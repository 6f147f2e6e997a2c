using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.ClusterOfCores;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>
/// Found by the 16-node chaos run: a restarted node went on judging two peers as one of their observers after those
/// peers' own view of the ring no longer counted it, so their heartbeats to it stopped, it convicted them about once a
/// minute, and its gossiped claims held them DOWN cluster-wide for up to 113 s. Here the disagreement is built on
/// purpose: a newcomer the subject knows and the observer does not displaces the observer in the subject's view only.
/// </summary>
public sealed class ObserverDisagreementTests
{
    private const int Nodes = 10;
    private const long HeartbeatMs = 500;
    private const long EvaluationMs = 100;
    private const long NewcomerAtMs = 10_000;
    private const long RunMs = 120_000;

    [Fact]
    public void An_observer_that_the_subject_no_longer_counts_keeps_hearing_it_because_it_watches_it()
    {
        var run = new Disagreement(deliverWatches: true);

        var convictions = run.Run();

        Assert.DoesNotContain(run.Observer.LocalEndpoint, run.SubjectRing.ObserversOf(run.Subject.LocalEndpoint));
        Assert.Contains(run.Subject.LocalEndpoint, run.ObserverRing.Observed);
        Assert.Contains(run.Observer.LocalEndpoint, run.SubjectRing.Targets(run.NowMs));
        Assert.True(run.Detector.HearsDirectly(run.Subject.LocalEndpoint));
        Assert.Empty(convictions);
    }

    /// <summary>The same run with the watches lost: what the chaos run saw, so the test above is known to be able to fail.</summary>
    [Fact]
    public void Without_its_watches_the_observer_convicts_the_living_subject_as_one_of_its_observers()
    {
        var run = new Disagreement(deliverWatches: false);

        var convictions = run.Run();

        var first = Assert.Single(convictions.Take(1));
        Assert.Equal(run.Subject.LocalEndpoint, first.Conviction.Endpoint);
        Assert.True(first.Conviction.ByObserver);
        Assert.InRange(first.AtMs - ClusterOfCores.NowMs, NewcomerAtMs, NewcomerAtMs + ObserverRing.WatchLeaseMs + 10_000);
    }

    private sealed class Disagreement
    {
        private readonly bool _deliverWatches;

        public Disagreement(bool deliverWatches)
        {
            _deliverWatches = deliverWatches;
            var order = Enumerable.Range(1, Nodes).Select(Address).OrderBy(ObserverRing.HashOf).ThenBy(a => a).ToList();
            var subject = order[0];
            var observer = order[3];
            Newcomer = Enumerable.Range(Nodes + 1, 500).Select(Address)
                .First(a => ObserverRing.HashOf(a) > ObserverRing.HashOf(subject) && ObserverRing.HashOf(a) < ObserverRing.HashOf(order[1]));
            Subject = Running(IndexOf(subject), Nodes);
            Observer = Running(IndexOf(observer), Nodes);
            SubjectRing = new ObserverRing(Subject, 3, HeartbeatMs);
            ObserverRing = new ObserverRing(Observer, 3, HeartbeatMs);
            Detector = new FailureDetectorCore(TestSettings.Detector("gossip.failure-detector.observers = 3\ngossip.failure-detector.heartbeat-interval = 500ms"));
            Assert.Contains(observer, SubjectRing.ObserversOf(subject));
            Assert.Contains(subject, ObserverRing.Observed);
        }

        public GossipNodeCore Subject { get; }

        public GossipNodeCore Observer { get; }

        public ObserverRing SubjectRing { get; }

        public ObserverRing ObserverRing { get; }

        public FailureDetectorCore Detector { get; }

        public EndpointAddress Newcomer { get; }

        public long NowMs { get; private set; } = StartMs;

        private static long StartMs => ClusterOfCores.NowMs;

        /// <summary>Both nodes' heartbeat ticks and the observer's evaluations on virtual time; the newcomer joins the subject's view only.</summary>
        public List<(Conviction Conviction, long AtMs)> Run()
        {
            var convictions = new List<(Conviction, long)>();
            for (NowMs = StartMs; NowMs <= StartMs + RunMs; NowMs += EvaluationMs)
            {
                if (NowMs == StartMs + NewcomerAtMs)
                {
                    Subject.PreloadLiveEndpoints([KeyValuePair.Create(Newcomer, EndpointState.Create(new HeartBeatState(PeerGeneration, 1)))], NowMs);
                }

                if ((NowMs - StartMs) % HeartbeatMs == 0)
                {
                    HeartbeatTick();
                }

                var evaluation = Detector.Evaluate(NowMs, gossipBacklogMs: 0);
                convictions.AddRange(evaluation.Convictions.Select(c => (c, NowMs)));
            }

            return convictions;
        }

        private void HeartbeatTick()
        {
            var observerDuty = HeartbeatDuty.Run(Observer, ObserverRing, NowMs);
            Detector.KeepDirectOnly(observerDuty.Observed, NowMs);
            foreach (var (subject, watch) in observerDuty.Watches)
            {
                if (_deliverWatches && subject == Subject.LocalEndpoint)
                {
                    SubjectRing.Watched(Observer.LocalEndpoint, watch, NowMs);
                }
            }

            var subjectDuty = HeartbeatDuty.Run(Subject, SubjectRing, NowMs);
            if (subjectDuty.Targets.Contains(Observer.LocalEndpoint) &&
                ObserverRing.Accepts(Subject.LocalEndpoint, subjectDuty.Heartbeat, NowMs))
            {
                Detector.ReportDirect(Subject.LocalEndpoint, NowMs);
            }
        }

        private static int IndexOf(EndpointAddress address) => int.Parse(address.Host.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
