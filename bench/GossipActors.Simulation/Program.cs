using GossipActors.Simulation.FailureDetection;
using GossipActors.Simulation.Gossip;

// A dispatcher only: each simulation lives in its own folder, routed by the first argument.
if (args.Length > 0 && args[0] == "failure-detector")
{
    return FailureDetectorSimulation.Run(args[1..]);
}

var gossipArgs = args.Length > 0 && args[0] == "gossip" ? args[1..] : args;
return GossipSimulationCommand.Run(gossipArgs, Console.Out, Console.Error);
