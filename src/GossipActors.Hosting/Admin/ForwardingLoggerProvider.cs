using Microsoft.Extensions.Logging;

namespace GossipActors.Hosting.Admin;

/// <summary>Sends the admin web server's logs to the host's logger factory, so they land where the node's logs do.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target factory belongs to the host.
    }
}
