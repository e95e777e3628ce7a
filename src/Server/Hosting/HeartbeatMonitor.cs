using StandardsCloud.Compute;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Ports;

namespace StandardsCloud.Server.Hosting;

/// <summary>Puts hosts that stopped reporting into error, once per heartbeat interval, on the leading replica.</summary>
public sealed class HeartbeatMonitor(HostService hosts, ComputeOptions options, TimeProvider time, ILeadership leadership, ILogger<HeartbeatMonitor> logger) : BackgroundService
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
                    if (!await leadership.TryLeadAsync(stoppingToken).ConfigureAwait(false))
                    {
                        continue;
                    }

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
