using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StandardsCloud.NodeDaemon.Core;

namespace StandardsCloud.NodeDaemon.Hosting;

/// <summary>Runs the <see cref="Node"/> inside the generic host, which handles Ctrl-C and SIGTERM.</summary>
public sealed class NodeService(
    NodeOptions options,
    ILoggerFactory loggers,
    TimeProvider time,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>Exit code when the node cannot start or the core refuses it.</summary>
    public const int FailedExitCode = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var opened = Node.Open(options, loggers, time);
        if (!opened.IsOk)
        {
            loggers.CreateLogger("StandardsCloud.NodeDaemon").CannotStart(opened.Error);
            Environment.ExitCode = FailedExitCode;
            lifetime.StopApplication();
            return;
        }

        using var node = opened.Value;
        var end = await node.RunAsync(stoppingToken).ConfigureAwait(false);
        if (end == SessionEnd.Refused)
        {
            Environment.ExitCode = FailedExitCode;
            lifetime.StopApplication();
        }
    }
}
