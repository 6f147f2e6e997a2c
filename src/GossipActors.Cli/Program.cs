// Entry point placeholder: the issue that delivers GossipActors.Cli replaces it.
Console.Error.WriteLine("GossipActors.Cli: not available yet");
return 2;
