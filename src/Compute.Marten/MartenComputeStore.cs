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
using StandardsCloud.Compute.Volumes;
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
            // Statements the core repeats are prepared once per connection: PostgreSQL plans small queries for longer than it runs them.
            options.Connection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString);
            options.DatabaseSchemaName = schema;
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
            options.Serializer(new BufferedRowSerializer(options.Serializer()));
            options.Events.StreamIdentity = StreamIdentity.AsString;
            options.Events.AddEventTypes([typeof(InstanceRequested), typeof(InstancePlaced), typeof(InstanceTransitioned),
                typeof(InstanceIntentChanged), typeof(InstanceRebootRequested),
                typeof(HostRegistered), typeof(HostStatusChanged), typeof(UserCreated), typeof(UserQuotaChanged),
                typeof(AccessKeyCreated), typeof(AccessKeyRevoked), typeof(ImageRegistered), typeof(ImageDeregistered), typeof(ImageAttributesChanged),
                typeof(ImageSaveRequested), typeof(ImageSaveEnded), typeof(InstanceDiskSaveRequested), typeof(InstanceDiskSaveEnded),
                typeof(InstanceTypeChanged), typeof(InstanceUserDataChanged), typeof(InstanceTerminationProtectionChanged), typeof(InstanceShutdownBehaviorChanged), typeof(InstanceTagsChanged),
                typeof(InstanceHostnameChanged), typeof(Collections.CollectionCreated), typeof(Collections.CollectionMembersChanged), typeof(Collections.CollectionDeleted),
                typeof(AddressAllocated), typeof(AddressAssociated), typeof(AddressDisassociated), typeof(AddressReleased),
                typeof(VolumeCreated), typeof(VolumeStateChanged), typeof(VolumeAttached), typeof(VolumeAttachConfirmed), typeof(VolumeDetachAsked),
                typeof(VolumeDetached), typeof(VolumeUpdated), typeof(VolumeSnapshotTaken), typeof(VolumeTakenOffline), typeof(VolumeBroughtOnline), typeof(VolumeMountPointMoved),
                typeof(VolumeExported), typeof(VolumeExportChanged),
                typeof(SnapshotStarted), typeof(SnapshotStateChanged), typeof(SnapshotDeleted)]);
            options.Projections.Add<InstanceProjection>(ProjectionLifecycle.Inline);
            options.Schema.For<Instance>()
                .Duplicate(i => i.Owner)
                .Duplicate(i => i.HostId!)
                .Duplicate(i => i.HoldsHost)
                .Duplicate(i => i.CountsForQuota)
                .Duplicate(i => i.RequestedAt)
                .Duplicate(i => i.LaunchIndex)
                .Duplicate(i => i.State)
                .Duplicate(i => i.InstanceType)
                .Duplicate(i => i.ImageId)
                .Duplicate(i => i.ReservationId)
                .Duplicate(i => i.ClientToken!)
                .Duplicate(i => i.HoldsAddress)
                // An owner's listing in request order, which DescribeInstances pages through.
                .Index([i => i.Owner, i => i.RequestedAt, i => i.LaunchIndex])
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
            options.Schema.For<CompletedMigration>();
            options.Schema.For<KeyPairs.KeyPair>();
            options.Schema.For<SecurityGroups.SecurityGroup>().Duplicate(g => g.Owner);
            options.Schema.For<Collections.ResourceCollection>().Duplicate(c => c.Owner);
            // Volumes change from several places (owners, host reports, instances ending): a stale write fails and is retried.
            options.Schema.For<Volume>()
                .Duplicate(v => v.Owner)
                .Duplicate(v => v.State)
                .UseOptimisticConcurrency(true);
            options.Schema.For<Snapshot>()
                .Duplicate(s => s.Owner)
                .Duplicate(s => s.State);
            options.Schema.For<Addresses.PublicAddress>()
                .Duplicate(a => a.Owner)
                .Duplicate(a => a.InstanceId!)
                .Duplicate(a => a.PublicIp, configure: index => index.IsUnique = true);
        });

    /// <summary>Creates or updates the schema now rather than on first use.</summary>
    public static Task MigrateAsync(IDocumentStore store) => store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

    public IComputeSession OpenSession() => new MartenComputeSession(store.LightweightSession(), store.Options.DatabaseSchemaName);

    public ValueTask DisposeAsync()
    {
        store.Dispose();
        return ValueTask.CompletedTask;
    }
}
