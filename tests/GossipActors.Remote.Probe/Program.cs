using GossipActors.Remote.Probe;
using Microsoft.Extensions.Logging;

// Prints one event per line on stdout (LISTENING, SMALL-OK, FINDING, DISCOVERED, DELIVERED, RECEIVED, TIMEOUT);
// the network-namespace tests wait for these lines.
ProbeOptions options;
try
{
    options = ProbeOptions.Parse(args);
}
catch (Exception error) when (error is ArgumentException or FormatException)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(builder => builder
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
    .SetMinimumLevel(LogLevel.Debug)
    .AddFilter((category, level) => level >= LogLevel.Information || category?.Contains("Remote", StringComparison.Ordinal) == true));
var logger = loggerFactory.CreateLogger("GossipActors.Remote.Probe");

return options.Mode switch
{
    "listen" => await ProbeRoles.ListenAsync(options, logger),
    "akka-listen" => await AkkaProbeRoles.ListenAsync(options, loggerFactory),
    "akka-send" => await AkkaProbeRoles.SendAsync(options, loggerFactory),
    _ => await ProbeRoles.SendAsync(options, logger),
};
