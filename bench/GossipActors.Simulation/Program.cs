// Entry point placeholder: the issue that delivers GossipActors.Simulation replaces it.
Console.Error.WriteLine("GossipActors.Simulation: not available yet");
return 2;
