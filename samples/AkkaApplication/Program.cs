using Akka.Actor;
using Akka.Hosting;
using AkkaApplication;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// An Akka.NET application with an ActorSystem of its own adds gossip membership to it. Every node runs the same
// system name: gossip and the application's messages are addressed akka.gtcp://akka-application@host:port/...
const string SystemName = "akka-application";

SampleArguments arguments;
try
{
    arguments = SampleArguments.Parse(args);
}
catch (ArgumentException wrong)
{
    await Console.Error.WriteLineAsync($"AkkaApplication: {wrong.Message}\n{SampleArguments.Usage}");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);

builder.Services.AddGossipCluster();
builder.Services.AddAkka(SystemName, (akka, services) => akka
    // Akka's log events, the gossip tree's and the transport's lines all go to this host's ILogger.
    .ConfigureLoggers(loggers =>
    {
        loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
        loggers.ClearLoggers();
        loggers.AddLoggerFactory();
    })
    // A stopped peer is still probed by gossip now and then; Akka would log each probe it drops as a dead letter.
    .AddHocon("akka.log-dead-letters = off", HoconAddMode.Prepend)
    .WithGossipTransport(gossip => gossip
        .ListenOn(arguments.Host, arguments.Port)
        .WithClusterName("akka-application"))
    .WithGossip(gossip =>
    {
        gossip.WithSeeds([.. arguments.Seeds]).WithDataDir(arguments.DataDir);
        if (arguments.Seeds.All(seed => seed == arguments.Address))
        {
            gossip.FormNewCluster();
        }
    })
    .WithCustomSerializer("payload", [typeof(IPayloadMessage)], system => new PayloadSerializer(system))
    // After WithGossip: the node exists by now, so the actor can subscribe to it as it starts.
    .WithActors((system, registry) =>
    {
        var cluster = services.GetRequiredService<IGossipCluster>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger<PayloadExchangeActor>();
        registry.Register<PayloadExchangeActor>(system.ActorOf(Props.Create(() => new PayloadExchangeActor(cluster, log)), PayloadExchangeActor.Name));
    }));

using var host = builder.Build();
await host.StartAsync();

var gossiper = host.Services.GetRequiredService<IRequiredActor<GossiperKey>>().ActorRef;
var self = host.Services.GetRequiredService<IGossipCluster>().LocalEndpoint;
host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AkkaApplication")
    .LogInformation("{Self} joined; gossiper {Gossiper}; Ctrl-C stops this node", self, gossiper.Path);
await host.WaitForShutdownAsync();
return 0;
