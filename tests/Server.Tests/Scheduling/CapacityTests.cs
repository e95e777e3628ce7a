using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Scheduling;

public sealed class CapacityTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task ConcurrentLaunches_SmallHost_NeverOverCommitted()
    {
        await using var node = new FakeNode(cloud, "small-host", cpus: 4, memoryMiB: 4096);
        await node.StartAsync();
        var image = await cloud.RegisterImageAsync("cap-" + Guid.NewGuid().ToString("N")[..8]);
        using var admin = cloud.AdminClient();

        // 24 launches of 512 MiB at once: memory allows 8, CPUs allow 4.
        var launches = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => admin.LaunchAsync(image)));
        var ids = launches.SelectMany(l => l).Select(i => i.GetProperty("id").GetString()!).ToList();
        await WaitUntilAsync(async () => (await CountAsync(admin, "Running")) == 4);
        await Task.Delay(500);

        Assert.Equal(4, await CountAsync(admin, "Running"));
        Assert.Equal(20, await CountAsync(admin, "Pending"));
        var host = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/hosts"))!.Single(h => h.GetProperty("name").GetString() == "small-host");
        Assert.Equal(4, host.GetProperty("usedCpus").GetInt32());
        Assert.True(host.GetProperty("usedMemoryMiB").GetInt64() <= host.GetProperty("memoryMiB").GetInt64());

        // Freeing one CPU lets exactly one waiting instance in.
        var running = (await admin.GetFromJsonAsync<JsonElement[]>("/api/v1/instances?state=running"))!;
        (await admin.DeleteAsync($"/api/v1/instances/{running[0].GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
        await WaitUntilAsync(async () => (await CountAsync(admin, "Pending")) == 19);
        await WaitUntilAsync(async () => (await CountAsync(admin, "Running")) == 4);

        foreach (var id in ids)
        {
            await admin.DeleteAsync($"/api/v1/instances/{id}");
        }
    }

    private static async Task<int> CountAsync(HttpClient client, string state) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/instances?state={state}"))!.Length;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition never held");
            await Task.Delay(100);
        }
    }
}
