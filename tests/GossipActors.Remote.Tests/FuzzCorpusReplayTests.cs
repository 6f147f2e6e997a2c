using GossipActors.Fuzz;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// The fuzz targets' seeds and checked-in corpus (bench/GossipActors.Fuzz/corpus: afl-fuzz's minimised queue and every
/// input that once was a finding) through the same harness and allocation guard afl-fuzz ran them with, without
/// afl-fuzz: a regression of any past finding, or a valid message the decoder starts refusing, fails here in CI.
/// </summary>
public sealed class FuzzCorpusReplayTests
{
    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_corpus_input_is_handled_within_the_allocation_bound(string name)
    {
        var target = FuzzTargets.Create(name);
        var corpus = CorpusReplay.CheckedIn(name);
        Assert.NotEmpty(corpus);

        var findings = CorpusReplay.Findings(target, new AllocationGuard(target), target.Seeds().Concat(corpus));

        Assert.Empty(findings);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_is_accepted(string name)
    {
        // Seeds are valid by construction; one that the code refuses would leave afl-fuzz mutating from a dead end.
        var target = FuzzTargets.Create(name);
        foreach (var (seed, bytes) in target.Seeds())
        {
            Assert.True(target.Run(bytes), $"{name} seed {seed} was refused");
        }
    }

    [Fact]
    public void The_guard_reports_an_input_that_allocates_far_more_than_its_size()
    {
        var target = new AllocatingTarget(megabytes: 1);

        var findings = CorpusReplay.Findings(target, new AllocationGuard(target), [("four bytes", new byte[4])]);

        var finding = Assert.Single(findings);
        Assert.Contains("UnboundedAllocationException", finding, StringComparison.Ordinal);
        Assert.Contains("an input of 4 bytes", finding, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unexpected_exception_type_is_a_finding_and_a_promised_refusal_is_not()
    {
        var throwing = new ThrowingTarget(() => new IndexOutOfRangeException("boom"));
        var refusing = new ThrowingTarget(() => new GossipActors.Protocol.Codec.CodecException("field", 3, "bad"));

        Assert.Single(CorpusReplay.Findings(throwing, new AllocationGuard(throwing), [("x", [1])]));
        Assert.Empty(CorpusReplay.Findings(refusing, new AllocationGuard(refusing), [("x", [1])]));
    }

    private sealed class AllocatingTarget(int megabytes) : FuzzTarget
    {
        public byte[]? Kept { get; private set; }

        public override string Name => "allocating";

        public override string Covers => "allocates a fixed size whatever the input";

        public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => [];

        protected override void Exercise(ReadOnlySpan<byte> input) => Kept = new byte[megabytes * 1024 * 1024];
    }

    private sealed class ThrowingTarget(Func<Exception> error) : FuzzTarget
    {
        public override string Name => "throwing";

        public override string Covers => "throws whatever the input";

        public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => [];

        protected override void Exercise(ReadOnlySpan<byte> input) => throw error();
    }
}
