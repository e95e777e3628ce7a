using StandardsCloud.Compute;
using StandardsCloud.Compute.Ports;
using StandardsCloud.Compute.Scheduling;

namespace StandardsCloud.Server.Hosting;

/// <summary>
/// Runs scheduling passes whenever instances wait, and every few seconds regardless, on the one
/// replica that leads.
/// </summary>
public sealed class SchedulerLoop(InstanceScheduler scheduler, CoreSignals signals, ILeadership leadership, ILogger<SchedulerLoop> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    // A short pause after a wake-up lets a burst of launches share one pass.
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wake = signals.WaitForPendingAsync(Idle, stoppingToken);
                if (!await leadership.TryLeadAsync(stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                var placed = await scheduler.PlacePendingAsync(stoppingToken).ConfigureAwait(false);
                if (placed > 0)
                {
                    Log.Placed(logger, placed);
                    continue;
                }

                await wake.ConfigureAwait(false);
                await Task.Delay(Gather, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Log.LoopFailed(logger, "scheduler", e);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
