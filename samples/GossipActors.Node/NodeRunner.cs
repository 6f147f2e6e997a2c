using GossipActors.Gossip.Persistence;
using GossipActors.Hocon;
using GossipActors.Hosting;
using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GossipActors.Node;

/// <summary>Parses the command line, hosts the node until SIGTERM / Ctrl-C, and maps start-up failures to exit codes.</summary>
public static class NodeRunner
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        NodeArguments arguments;
        try
        {
            arguments = NodeArguments.Parse(args);
        }
        catch (ArgumentException wrong)
        {
            await error.WriteLineAsync($"GossipActors.Node: {wrong.Message} (run with --help for usage)");
            return NodeExitCodes.Usage;
        }

        if (arguments.Help)
        {
            await output.WriteLineAsync(NodeArguments.Usage);
            return NodeExitCodes.Success;
        }

        IHost host;
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
                console.UseUtcTimestamp = false;
            });
            builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
            // The host logs a failed start with the whole stack trace; the runner reports it below instead,
            // in one message for expected failures and with the stack only for unexpected ones.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
            var clockOffset = FaultInjection.ClockOffset(Environment.GetEnvironmentVariable);
            builder.Services.AddGossipActors(gossip =>
            {
                arguments.ApplyTo(gossip);
                gossip.InjectClockOffset(clockOffset);
            });
            host = builder.Build();
        }
        catch (ArgumentException wrong)
        {
            await error.WriteLineAsync($"GossipActors.Node: {wrong.Message}");
            return NodeExitCodes.Usage;
        }

        using (host)
        {
            try
            {
                await host.StartAsync();
            }
            catch (OperationCanceledException) when (host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
            {
                // SIGTERM or Ctrl-C while the node was still joining (a seed behind a partition, say): the operator's
                // ordinary stop, not a failure. The host cancels its start for it; the chaos runner found exit 1 here.
                await error.WriteLineAsync("GossipActors.Node: stopped during start-up (SIGTERM or Ctrl-C) before it had joined");
                await host.StopAsync();
                return NodeExitCodes.Success;
            }
            catch (Exception failure)
            {
                var (code, what) = Classify(failure);
                var detail = code == NodeExitCodes.Failure ? failure.ToString() : failure.Message;
                await error.WriteLineAsync($"GossipActors.Node: {what}: {detail}");
                return code;
            }

            await host.WaitForShutdownAsync();
            if (host.Services.GetRequiredService<GossipActorsRuntime>().Failure is { } stopped)
            {
                // The node stopped itself while running (a live twin with its host id); it was logged when it happened.
                return Classify(stopped).Code;
            }

            return NodeExitCodes.Success;
        }
    }

    private static (int Code, string What) Classify(Exception failure) => failure switch
    {
        SeedsUnreachableException => (NodeExitCodes.SeedsUnreachable, "start-up failed"),
        EndpointCollisionException => (NodeExitCodes.EndpointCollision, "start-up refused"),
        HoconParseException or ConfigException or FailureDetectorSettingsException or FormatException
            or DataDirectoryException or CorruptStateFileException => (NodeExitCodes.InvalidConfiguration, "invalid configuration"),
        NodeDecommissionedException => (NodeExitCodes.InvalidConfiguration, "start-up refused"),
        IOException => (NodeExitCodes.CannotListen, "cannot listen"),
        // The port was taken between the node's own check and Akka.Remote's bind: Akka reports it wrapped.
        _ when SocketErrorIn(failure) is { } socket => (NodeExitCodes.CannotListen, $"cannot listen ({socket.SocketErrorCode})"),
        ArgumentException => (NodeExitCodes.Usage, "wrong arguments"),
        _ => (NodeExitCodes.Failure, $"start-up failed ({failure.GetType().Name})"),
    };

    private static System.Net.Sockets.SocketException? SocketErrorIn(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is System.Net.Sockets.SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }
}
