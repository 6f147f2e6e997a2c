using GossipActors.Node;

return await NodeRunner.RunAsync(args, Console.Out, Console.Error);
