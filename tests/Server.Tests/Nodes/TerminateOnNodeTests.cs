using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Nodes;

/// <summary>Termination through a real node daemon.</summary>
public sealed class TerminateOnNodeTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _nodes = new("nodes");

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task TerminateOnRealNode_Done()
    {
        var image = await NodeTests.TinyImageAsync(cloud, _nodes.Path, "reaper");
        using var admin = cloud.AdminClient();
        await using var node = NodeProcess.Start(cloud, "reaper", Path.Combine(_nodes.Path, "reaper"), cpus: 64, memoryMiB: 65536);
        await NodeTests.WaitForHostsAsync(admin, "reaper", 1);
        var id = (await admin.LaunchAsync(image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        (await admin.DeleteAsync($"/api/v1/instances/{id}")).EnsureSuccessStatusCode();
        await admin.WaitForStateAsync(id, "Done");
    }
}
