using System.Net.Http.Json;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Nodes;

public sealed class ServerRestartTests(CloudFixture cloud) : IClassFixture<CloudFixture>
{
    [Fact]
    public async Task Restart_RunningInstance_KeptWithHistoryAndStillRunning()
    {
        var image = await cloud.RegisterImageAsync("restart-img");
        var admin = cloud.AdminClient();
        await using var node = new FakeNode(cloud, "restart-host");
        await node.StartAsync();
        var id = (await admin.LaunchAsync(image)).Single().GetProperty("id").GetString()!;
        await admin.WaitForStateAsync(id, "Running");
        var before = await admin.GetStringAsync($"/api/v1/instances/{id}/history");
        await node.StopAsync();
        admin.Dispose();

        await cloud.RestartAsync();

        using var again = cloud.AdminClient();
        Assert.Equal("Running", await again.StateAsync(id));
        var after = (await again.GetFromJsonAsync<JsonElement[]>($"/api/v1/instances/{id}/history"))!;
        var earlier = JsonSerializer.Deserialize<JsonElement[]>(before)!;
        Assert.True(after.Length >= earlier.Length);
        Assert.Equal(earlier.Select(Describe), after.Take(earlier.Length).Select(Describe));
        Assert.Equal("restart-img", (await again.GetFromJsonAsync<JsonElement[]>("/api/v1/images"))!.Single().GetProperty("name").GetString());
    }

    private static string Describe(JsonElement entry) =>
        $"{entry.GetProperty("version").GetInt64()} {entry.GetProperty("description").GetString()} {entry.GetProperty("at").GetDateTimeOffset():O}";
}
