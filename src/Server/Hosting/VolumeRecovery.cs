using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Hosting;

/// <summary>
/// At start, after the schema is current: moves mount points earlier versions kept as instance tags onto
/// their attachments (once for the store), then finishes volumes and snapshots a previous run left half made or half deleted.
/// </summary>
public sealed class VolumeRecovery(VolumeService volumes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await volumes.MoveLegacyMountPointsAsync(cancellationToken).ConfigureAwait(false);
        await volumes.RecoverAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
