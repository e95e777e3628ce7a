using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Nodes;

/// <summary>A node daemon process killed and started again.</summary>
public sealed class NodeRestartTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _nodes = new("nodes");

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task NodeKilledAndRestarted_InstancesUnknownThenRunning_NoneLostOrDuplicated()
    {
        var image = await NodeTests.TinyImageAsync(cloud, _nodes.Path, "phoenix");
        var dataDir = Path.Combine(_nodes.Path, "phoenix");
        using var admin = cloud.AdminClient();
        var node = NodeProcess.Start(cloud, "phoenix", dataDir, cpus: 64, memoryMiB: 65536);
        await NodeTests.WaitForHostsAsync(admin, "phoenix", 1);
        var ids = (await admin.LaunchAsync(image, count: 3)).Select(i => i.GetProperty("id").GetString()!).ToList();
        await admin.WaitForAllAsync(ids, "Running");
        var hostId = (await admin.InstanceAsync(ids[0])).GetProperty("hostId").GetString();

        await node.KillAsync();
        await admin.WaitForAllAsync(ids, "Unknown", seconds: 20);
        Assert.Equal("Error", await NodeTests.HostStatusAsync(admin, "phoenix"));

        await using var restarted = NodeProcess.Start(cloud, "phoenix", dataDir, cpus: 64, memoryMiB: 65536);
        await admin.WaitForAllAsync(ids, "Running", seconds: 30);
        Assert.Equal("Online", await NodeTests.HostStatusAsync(admin, "phoenix"));

        var mine = (await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/instances?host={hostId}"))!;
        Assert.Equal(ids.Order(), mine.Select(i => i.GetProperty("id").GetString()!).Order());
        var host = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!.Single(h => h.GetProperty("name").GetString() == "phoenix");
        Assert.Equal(3, host.GetProperty("instances").GetInt32());
        Assert.Equal(hostId, host.GetProperty("id").GetString());
        await node.DisposeAsync();
    }
}
