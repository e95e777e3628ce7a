using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.TestKit;

namespace StandardsCloud.Server.Tests.Nodes;

/// <summary>Three node daemons as real processes on the libvirt test driver.</summary>
public sealed class ThreeNodeTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IDisposable
{
    private readonly TemporaryDirectory _nodes = new("nodes");

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task ThreeNodes_NineInstances_AllRunningStripedAcrossHosts()
    {
        var image = await NodeTests.TinyImageAsync(cloud, _nodes.Path, "three");
        var nodes = Enumerable.Range(1, 3).Select(n => NodeProcess.Start(cloud, $"three-{n}", Path.Combine(_nodes.Path, $"three-{n}"), cpus: 4)).ToList();
        try
        {
            using var admin = cloud.AdminClient();
            await NodeTests.WaitForHostsAsync(admin, "three-", 3);
            var ids = (await admin.LaunchAsync(image, count: 9)).Select(i => i.GetProperty("id").GetString()!).ToList();
            await admin.WaitForAllAsync(ids, "Running");

            var hosts = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!
                .Where(h => h.GetProperty("name").GetString()!.StartsWith("three-", StringComparison.Ordinal)).ToList();
            Assert.All(hosts, h => Assert.Equal(3, h.GetProperty("instances").GetInt32()));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
