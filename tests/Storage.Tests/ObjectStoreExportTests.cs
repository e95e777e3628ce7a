using StandardsCloud.Storage.Access;
using StandardsCloud.Storage.Objects;
using StandardsCloud.Storage.Ports;

namespace StandardsCloud.Storage.Tests;

/// <summary>What the store asks of the export port for containers' OCCI/iSCSI exports (CDMI 1.1.1 §13.6), on PostgreSQL.</summary>
public class ObjectStoreExportTests(ObjectStoreFixture fixture) : IClassFixture<ObjectStoreFixture>
{
    private const string Compute = "i-0123456789abcdef0";
    private const string Other = "i-0123456789abcdef1";
    private static readonly StorageCaller Alice = new("alice", false);

    private static ObjectPath P(string text) => ObjectPath.TryParse(text, out var p, out var e) ? p : throw new ArgumentException(e);

    private static string Unique(string name) => "/" + name + Guid.NewGuid().ToString("N")[..8] + "/";

    private static ContainerWrite Exported(string? assignedSize, params string[] computes) => new()
    {
        Metadata = assignedSize is null ? JsonItemsChange.None : new JsonItemsChange(new Dictionary<string, string> { [OcciIscsiExport.AssignedSize] = assignedSize }, null),
        Exports = new Dictionary<string, string>
        {
            [OcciIscsiExport.Protocol] = "{\"permissions\":[" + string.Join(",", computes.Select(c => $"\"/compute/{c}\"")) + "]}",
        },
    };

    [Fact]
    public async Task PutContainer_ExportWithoutAComputeCore_RefusedSayingSo_NoContainer()
    {
        var store = fixture.Store();
        var path = Unique("plain");

        var result = await store.PutContainerAsync(Alice, P(path), Exported(null, Compute), default);

        Assert.False(store.ExportsOffered);
        Assert.Equal(StorageStatus.InvalidRequest, result.Status);
        Assert.Contains("not offered", result.Message);
        Assert.Equal(StorageStatus.NotFound, (await store.GetAsync(Alice, P(path), default)).Status);
    }

    [Fact]
    public async Task PutContainer_Export_AsksForWholeGiB_FillsTheIdentifierAndTheSize()
    {
        var port = new RecordingExports();
        var store = fixture.Store(exports: port);

        var made = await store.PutContainerAsync(Alice, P(Unique("disk")), Exported("\"1500000000\"", Compute), default);

        Assert.Equal(StorageStatus.Created, made.Status);
        var call = Assert.Single(port.Exports);
        Assert.Equal(("alice", made.Value!.Id, 2, Compute), (call.Owner, call.ContainerId, call.SizeGiB, Assert.Single(call.Computes)));
        Assert.Contains("\"identifier\":\"/storage/vol-" + made.Value.Id + "\"", made.Value.Exports[OcciIscsiExport.Protocol]);
        Assert.Equal("\"2147483648\"", made.Value.Metadata[OcciIscsiExport.AssignedSize]);
    }

    [Fact]
    public async Task UpdateContainer_NewPermissions_SameSize_ResizeRefusedWithoutAskingThePort()
    {
        var port = new RecordingExports();
        var store = fixture.Store(exports: port);
        var path = P(Unique("disk"));
        await store.PutContainerAsync(Alice, path, Exported(null, Compute), default);

        var repermitted = await store.PutContainerAsync(Alice, path, Exported(null, Other), default);
        var shrunk = await store.PutContainerAsync(Alice, path, new ContainerWrite { Metadata = new JsonItemsChange(null, new Dictionary<string, string?> { [OcciIscsiExport.AssignedSize] = "\"1\"" }) }, default);
        var grown = await store.PutContainerAsync(Alice, path, new ContainerWrite { Metadata = new JsonItemsChange(null, new Dictionary<string, string?> { [OcciIscsiExport.AssignedSize] = "\"5368709120\"" }) }, default);

        Assert.Equal(StorageStatus.Ok, repermitted.Status);
        Assert.Equal([(1, Compute), (1, Other)], port.Exports.Select(e => (e.SizeGiB, Assert.Single(e.Computes))));
        Assert.Equal(StorageStatus.Ok, shrunk.Status); // 1 byte is 1 GiB, the size it has
        Assert.Equal(StorageStatus.InvalidRequest, grown.Status);
        Assert.Contains("resize not offered", grown.Message);
        Assert.Equal(2, port.Exports.Count);
    }

    [Fact]
    public async Task DeleteContainer_Exported_UnexportsFirst_ARefusalKeepsEverything()
    {
        var port = new RecordingExports();
        var store = fixture.Store(exports: port);
        var top = Unique("tree");
        await store.PutContainerAsync(Alice, P(top), new ContainerWrite(), default);
        var inner = (await store.PutContainerAsync(Alice, P(top + "disk/"), Exported(null, Compute), default)).Value!;
        port.Refusal = "attached to " + Compute;

        var refused = await store.DeleteAsync(Alice, (await store.GetAsync(Alice, P(top), default)).Value!, default);

        Assert.Equal(StorageStatus.Conflict, refused.Status);
        Assert.Contains("attached", refused.Message);
        Assert.True((await store.GetAsync(Alice, P(top + "disk/"), default)).Succeeded);
        port.Refusal = null;
        Assert.True((await store.DeleteAsync(Alice, (await store.GetAsync(Alice, P(top), default)).Value!, default)).Succeeded);
        Assert.Equal([inner.Id, inner.Id], port.Unexports);
    }

    [Fact]
    public async Task CopyContainer_Exported_TheCopyHasNoExport()
    {
        var port = new RecordingExports();
        var store = fixture.Store(exports: port);
        var source = (await store.PutContainerAsync(Alice, P(Unique("disk")), Exported(null, Compute), default)).Value!;

        var copy = await store.CopyContainerAsync(Alice, source, P(Unique("copy")), new ContainerWrite(), default);

        Assert.Equal(StorageStatus.Created, copy.Status);
        Assert.False(OcciIscsiExport.IsIn(copy.Value!.Exports));
        Assert.Single(port.Exports);
    }

    /// <summary>An export port that records what it is asked and answers as told.</summary>
    private sealed class RecordingExports : IContainerExports
    {
        public List<(string Owner, string ContainerId, int SizeGiB, IReadOnlyList<string> Computes)> Exports { get; } = [];

        public List<string> Unexports { get; } = [];

        /// <summary>When set, unexports are refused with this message (a volume still attached).</summary>
        public string? Refusal { get; set; }

        public bool Offered => true;

        public Task<StorageResult<ExportedVolume>> ExportAsync(string owner, string containerId, int sizeGiB,
            IReadOnlyList<string> computeIds, CancellationToken ct)
        {
            Exports.Add((owner, containerId, sizeGiB, computeIds));
            return Task.FromResult(StorageResult<ExportedVolume>.Done(new ExportedVolume("vol-" + containerId, "/storage/vol-" + containerId)));
        }

        public Task<StorageResult<ExportedVolume?>> UnexportAsync(string owner, string containerId, CancellationToken ct)
        {
            Unexports.Add(containerId);
            return Task.FromResult(Refusal is { } refusal
                ? StorageResult<ExportedVolume?>.Fail(StorageStatus.Conflict, refusal)
                : StorageResult<ExportedVolume?>.Done(new ExportedVolume("vol-" + containerId, "/storage/vol-" + containerId)));
        }
    }
}
