using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Hosting;

/// <summary>At start, after the schema is current: finishes volumes and snapshots a previous run left half made or half deleted.</summary>
public sealed class VolumeRecovery(VolumeService volumes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => volumes.RecoverAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
