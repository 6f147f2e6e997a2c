// Entry point placeholder: the issue that delivers GossipActors.Node replaces it.
Console.Error.WriteLine("GossipActors.Node: not available yet");
return 2;
