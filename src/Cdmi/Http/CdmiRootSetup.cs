using Microsoft.Extensions.Hosting;
using StandardsCloud.Storage;

namespace StandardsCloud.Cdmi.Http;

/// <summary>Creates the root container on first start.</summary>
internal sealed class CdmiRootSetup(ObjectStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureRootAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
