using GossipActors.Cli;

return GossipCtl.Run(args, Console.Out, Console.Error);
