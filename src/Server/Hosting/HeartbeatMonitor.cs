using StandardsCloud.Compute;
using StandardsCloud.Compute.Hosts;

namespace StandardsCloud.Server.Hosting;

/// <summary>Puts hosts that stopped reporting into error, once per heartbeat interval.</summary>
public sealed class HeartbeatMonitor(HostService hosts, ComputeOptions options, TimeProvider time, ILogger<HeartbeatMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Heartbeat, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var silent = await hosts.MarkSilentHostsAsync(stoppingToken).ConfigureAwait(false);
                    if (silent > 0)
                    {
                        Log.HostsSilent(logger, silent);
                    }
                }
                catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
                {
                    Log.LoopFailed(logger, "heartbeat monitor", e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
