using GossipActors.Fuzz;

// The fuzzing harness. run.sh instruments the assemblies under test and drives `fuzz` with afl-fuzz; `seeds` writes
// the starting corpus and `replay` runs saved inputs (a corpus, a crash afl-fuzz found) through the same checks
// without afl-fuzz, printing what each one did.
Harness.UseScratchCoverageMap();
var operands = args.ToList();
if (operands.Count < 2 || !FuzzTargets.Names.Contains(operands[1]))
{
    Console.Error.WriteLine("usage: GossipActors.Fuzz fuzz|seeds|replay TARGET [DIR|FILE...]");
    Console.Error.WriteLine("  fuzz TARGET          run under afl-fuzz (see run.sh)");
    Console.Error.WriteLine("  seeds TARGET DIR     write the seed corpus, made by the real encoder, into DIR");
    Console.Error.WriteLine("  replay TARGET PATH.. run saved inputs through the target; exit 1 on any finding");
    foreach (var name in FuzzTargets.Names)
    {
        Console.Error.WriteLine($"  {name,-10} {FuzzTargets.Create(name).Covers}");
    }

    return 2;
}

var target = FuzzTargets.Create(operands[1]);
switch (operands[0])
{
    case "seeds":
        return Harness.WriteSeeds(target, operands[2]);
    case "replay":
        return Harness.Replay(target, operands.Skip(2));
    case "fuzz":
        Harness.Fuzz(target);
        return 0;
    default:
        Console.Error.WriteLine($"unknown command '{operands[0]}'");
        return 2;
}
