using GossipActors.Gossip.Cluster;
using GossipActors.Hosting;
using GossipActors.Node;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A GossipActors node as an application hosts one (AddGossipActors), which publishes an application state when told
// to on stdin: the real node process has no way to do that while it runs, and the cluster comparison's (e) needs it.
// Takes the real node's arguments. Each stdin line "set VALUE" publishes bench=VALUE through IGossipCluster and
// answers "set VALUE" once the gossiper applied it; "started" is printed once the node has joined.
NodeArguments arguments;
try
{
    arguments = NodeArguments.Parse(args);
}
catch (ArgumentException wrong)
{
    Console.Error.WriteLine($"GossipAppNode: {wrong.Message}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddGossipActors(arguments.ApplyTo);
using var host = builder.Build();
await host.StartAsync();
var cluster = host.Services.GetRequiredService<IGossipCluster>();
Console.WriteLine("started");
while (await Console.In.ReadLineAsync() is { } line)
{
    if (line.StartsWith("set ", StringComparison.Ordinal))
    {
        var value = line["set ".Length..];
        await cluster.SetApplicationStateAsync("bench", value);
        Console.WriteLine($"set {value}");
    }
    else
    {
        Console.Error.WriteLine($"GossipAppNode: unknown command '{line}' (expected: set VALUE)");
    }
}

await host.StopAsync();
return 0;
