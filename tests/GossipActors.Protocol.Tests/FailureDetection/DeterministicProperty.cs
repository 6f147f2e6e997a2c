using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>Runs FsCheck properties from a fixed seed, so a failure reproduces on every machine.</summary>
internal static class DeterministicProperty
{
    public static void Check(Property property, ulong seed = 0x5eed_f00d, int maxTests = 300)
    {
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(maxTests)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
        property.Check(config);
    }
}
