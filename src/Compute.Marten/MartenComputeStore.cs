using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using StandardsCloud.Compute.Addresses;
using StandardsCloud.Compute.Hosts;
using StandardsCloud.Compute.Identity;
using StandardsCloud.Compute.Images;
using StandardsCloud.Compute.Instances;
using StandardsCloud.Compute.Ports;
using Weasel.Core;

namespace StandardsCloud.Compute.Marten;

/// <summary>
/// The core's store on PostgreSQL through Marten: one event stream per instance (its history),
/// the current instance as an inline snapshot, and documents for the rest.
/// </summary>
public sealed class MartenComputeStore(IDocumentStore store) : IComputeStore, IAsyncDisposable
{
    /// <summary>Configures Marten for the core in the given PostgreSQL schema.</summary>
    public static DocumentStore Create(string connectionString, string schema = "standardscloud") =>
        DocumentStore.For(options =>
        {
            // Sessions are short and run no session-level state, so pooled connections need no reset.
            options.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AddEventTypes([typeof(InstanceRequested), typeof(InstancePlaced), typeof(InstanceTransitioned),
                typeof(InstanceIntentChanged), typeof(InstanceRebootRequested),
                typeof(HostRegistered), typeof(HostStatusChanged), typeof(UserCreated), typeof(UserQuotaChanged),
                typeof(AccessKeyCreated), typeof(AccessKeyRevoked), typeof(ImageRegistered),
                typeof(InstanceTypeChanged), typeof(InstanceUserDataChanged), typeof(InstanceTerminationProtectionChanged), typeof(InstanceTagsChanged),
                typeof(AddressAllocated), typeof(AddressAssociated), typeof(AddressDisassociated), typeof(AddressReleased)]);
            options.Projections.Add<InstanceProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<Instance>()
                .Duplicate(i => i.Owner)
                .Duplicate(i => i.HostId!)
                .Duplicate(i => i.HoldsHost)
                .Duplicate(i => i.CountsForQuota)
                .Duplicate(i => i.RequestedAt)
                .Duplicate(i => i.HoldsAddress)
                // Two live instances never share a private address: a launch that picked a taken one fails and picks again.
                .Duplicate(i => i.PrivateAddress!, configure: index =>
                {
                    index.IsUnique = true;
                    index.Predicate = "holds_address";
                });
            options.Schema.For<Host>();
            options.Schema.For<User>();
            options.Schema.For<AccessKey>().Duplicate(k => k.Owner);
            options.Schema.For<Image>();
            options.Schema.For<ConsoleLog>();
            options.Schema.For<KeyPairs.KeyPair>();
            options.Schema.For<SecurityGroups.SecurityGroup>().Duplicate(g => g.Owner);
            options.Schema.For<Addresses.PublicAddress>()
                .Duplicate(a => a.Owner)
                .Duplicate(a => a.PublicIp, configure: index => index.IsUnique = true);
        });

    /// <summary>Creates or updates the schema now rather than on first use.</summary>
    public static Task MigrateAsync(IDocumentStore store) => store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    public IComputeSession OpenSession() => new MartenComputeSession(store.LightweightSession());

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}
