using GossipActors.Simulation.FailureDetection;

// Each simulation registers one line here, routed by the first argument.
if (args.Length > 0 && args[0] == "failure-detector")
{
    return FailureDetectorSimulation.Run(args[1..]);
}

Console.Error.WriteLine("usage: GossipActors.Simulation failure-detector [options]");
return 2;
