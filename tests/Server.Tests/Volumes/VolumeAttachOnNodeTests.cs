using StandardsCloud.CloudKit;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Server.Tests.Volumes;

/// <summary>Attach and detach through the node protocol: the core asks in desired state, the node's report confirms.</summary>
public sealed class VolumeAttachOnNodeTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task AttachThenDetach_OnARunningInstance_ConfirmedByTheNodesReports()
    {
        await using var node = new FakeNode(cloud, "volumes-node");
        await node.StartAsync();
        using var admin = cloud.AdminClient();
        var image = await cloud.RegisterImageAsync("vol-image-" + Guid.NewGuid().ToString("N")[..6]);
        var instanceId = (await admin.LaunchAsync(image))[0].GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(instanceId, "Running");
        var actor = new Actor(cloud.Admin.User, IsAdmin: true, Via: "api");
        var volumes = cloud.Service<VolumeService>();
        var volume = (await volumes.CreateAsync(actor, new VolumeRequest(1), default)).Value!;

        Assert.True((await volumes.AttachAsync(actor, volume.Id, instanceId, null, null, default)).IsOk);
        await WaitAsync(async () => (await volumes.GetAsync(actor, volume.Id, default)).Value!.Attachments is [{ State: AttachmentState.Attached }]);
        Assert.Equal([volume.Id], node.Disks[instanceId]);

        Assert.True((await volumes.DetachAsync(actor, volume.Id, instanceId, forced: false, default)).IsOk);
        await WaitAsync(async () => (await volumes.GetAsync(actor, volume.Id, default)).Value!.State == VolumeState.Available);
        Assert.Empty(node.Disks[instanceId]);
    }

    private static async Task WaitAsync(Func<Task<bool>> done, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "the node never confirmed");
            await Task.Delay(100);
        }
    }
}
