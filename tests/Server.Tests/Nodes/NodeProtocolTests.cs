using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.NodeProtocol;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Nodes;

public sealed class NodeProtocolTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task Register_WrongJoinToken_401()
    {
        await using var node = new FakeNode(cloud, "intruder");
        Assert.Equal(HttpStatusCode.Unauthorized, await node.RegisterAsync("not-the-join-token"));
    }

    [Fact]
    public async Task Sync_WithoutBearer_401AndNoDesiredState()
    {
        using var anonymous = cloud.Client();
        var response = await anonymous.PostAsJsonAsync(NodeApi.SyncPath,
            new SyncRequest("", false, new HostCapacity(1, 1024), []), CloudFixture.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sync_ForgedBearerForRealHost_401()
    {
        await using var node = new FakeNode(cloud, "forged-target");
        await node.RegisterAsync();
        using var forger = cloud.Client();
        forger.DefaultRequestHeaders.Authorization = new("Bearer", node.HostId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        var response = await forger.PostAsJsonAsync(NodeApi.SyncPath, new SyncRequest("", false, new HostCapacity(1, 1024), []), CloudFixture.Json);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Sync_SameDesiredState_HeldThenConfirmedWithoutDomains()
    {
        await using var node = new FakeNode(cloud, "long-poller");
        await node.RegisterAsync();
        var first = await node.SyncOnceAsync(wait: false);
        Assert.False(node.LastAnswerUnchanged);
        var started = DateTime.UtcNow;
        var second = await node.SyncOnceAsync(wait: true);
        Assert.Equal(first.DesiredHash, second.DesiredHash);
        Assert.True(node.LastAnswerUnchanged, "the state the node holds was sent again in full");
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(500), "the long-poll answered at once although nothing changed");
    }

    [Fact]
    public async Task SilentHost_MissedHeartbeats_ErrorAndUnknownThenRecovers()
    {
        var image = await cloud.RegisterImageAsync("silent-" + Guid.NewGuid().ToString("N")[..8]);
        using var admin = cloud.AdminClient();
        var node = new FakeNode(cloud, "silent-host", cpus: 2, memoryMiB: 2048);
        await node.StartAsync();
        var id = (await admin.LaunchAsync(image, type: "t1.micro")).Single().GetProperty("id").GetString()!;
        // Only this host can take it: wait until it runs there.
        await admin.WaitForStateAsync(id, "Running");
        var instance = await admin.InstanceAsync(id);
        if (instance.GetProperty("hostId").GetString() != node.HostId)
        {
            return; // Another class's host took it; the rest of this test needs it on the silent host.
        }

        await node.DisposeAsync();
        await admin.WaitForStateAsync(id, "Unknown", seconds: 15);
        var host = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!.Single(h => h.GetProperty("name").GetString() == "silent-host");
        Assert.Equal("Error", host.GetProperty("status").GetString());

        await using var back = new FakeNode(cloud, "silent-host", cpus: 2, memoryMiB: 2048);
        await back.StartAsync();
        Assert.Equal(node.HostId, back.HostId);
        await admin.WaitForStateAsync(id, "Running", seconds: 15);
        Assert.Contains("missed 3 heartbeats", await admin.GetStringAsync($"/api/v1/instances/{id}/history"), StringComparison.Ordinal);
        var hostHistory = await admin.GetStringAsync($"/api/v1/hosts/{node.HostId}/history");
        Assert.Contains("Online → Error: host silent-host missed 3 heartbeats", hostHistory, StringComparison.Ordinal);
        Assert.Contains("Error → Online", hostHistory, StringComparison.Ordinal);
    }
}
