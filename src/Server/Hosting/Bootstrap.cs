using System.Security.Cryptography;
using Marten;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Marten;
using StandardsCloud.Marketplace.Entries;
using StandardsCloud.Server.Configuration;

namespace StandardsCloud.Server.Hosting;

/// <summary>Before the listeners open: the schema is current and a first administrator exists.</summary>
public sealed class Bootstrap(IDocumentStore store, MarketplaceStore marketplace, IdentityService identity, DataDirectory data, ServerSettings settings, ILogger<Bootstrap> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await MartenComputeStore.MigrateAsync(store).ConfigureAwait(false);
        // Before any request: the Marketplace's tables and search indexes exist, so no request waits on a schema change.
        await MarketplaceStore.MigrateAsync(marketplace.Documents).ConfigureAwait(false);
        var password = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);
        var admin = await identity.BootstrapAdminAsync(settings.AdminName, password, cancellationToken).ConfigureAwait(false);
        if (admin is null)
        {
            return;
        }

        var key = await identity.CreateAccessKeyAsync(Actor.Core("bootstrap"), admin.Id, cancellationToken).ConfigureAwait(false);
        data.WriteAdminCredentials(new AdminCredentials(admin.Id, password, key.Value!.AccessKeyId, key.Value.SecretAccessKey));
        Log.AdminCreated(logger, admin.Id, data.AdminCredentialsPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
