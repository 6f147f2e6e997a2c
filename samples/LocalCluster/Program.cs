// Entry point placeholder: the issue that delivers LocalCluster replaces it.
Console.Error.WriteLine("LocalCluster: not available yet");
return 2;
