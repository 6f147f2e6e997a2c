using GossipActors.Simulation.Gossip;

// A dispatcher only: each simulation lives in its own folder. "failure-detector" is reserved for the
// failure detector's simulation; "--stack actors" will select the actor tree once it exists.
if (args.Length > 0 && args[0] == "failure-detector")
{
    Console.Error.WriteLine("the failure-detector simulation is not part of this build yet");
    return 2;
}

var gossipArgs = args.Length > 0 && args[0] == "gossip" ? args[1..] : args;
return GossipSimulationCommand.Run(gossipArgs, Console.Out, Console.Error);
