using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Api;

/// <summary>
/// Saving an instance's disk as an image through <c>/api/v1/instances/{id}/save</c>: the core asks
/// the instance's host, the host's answer makes the image available (or failed), and the image is
/// its owner's alone. The fake node writes a small file where the core says and reports its SHA-1.
/// </summary>
public sealed class ImageSaveApiTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private FakeNode _failing = null!;
    private string _image = "";

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "save-node", cpus: 64, memoryMiB: 262144);
        await _node.StartAsync();
        _failing = new FakeNode(cloud, "save-failing", cpus: 64, memoryMiB: 262144) { SaveFailure = "disk full" };
        await _failing.StartAsync();
        _image = await cloud.RegisterImageAsync("save-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _failing.DisposeAsync();
    }

    [Fact]
    public async Task HotSave_ImagePendingThenAvailable_WithTheHostsSha1_LaunchableByItsOwnerOnly()
    {
        using var alice = await cloud.NewUserAsync("saver-" + Guid.NewGuid().ToString("N")[..6]);
        var id = await LaunchAsync(alice, "save-node");
        await alice.WaitForStateAsync(id, "Running");

        var response = await alice.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { name = "my copy" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var asked = await response.Content.ReadFromJsonAsync<JsonElement>();
        var imageId = asked.GetProperty("id").GetString()!;
        Assert.Equal("my copy", asked.GetProperty("name").GetString());
        Assert.Equal(id, asked.GetProperty("sourceInstanceId").GetString());
        Assert.False(asked.GetProperty("isPublic").GetBoolean());
        Assert.Equal(response.Headers.Location!.OriginalString, $"/api/v1/images/{imageId}");

        var image = await alice.WaitForImageAsync(imageId, "available");
        var bytes = Encoding.UTF8.GetBytes("disk of " + id);
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(bytes)), image.GetProperty("sha1").GetString());
        Assert.Equal(bytes.Length, image.GetProperty("bytes").GetInt64());
        var file = new Uri(image.GetProperty("url").GetString()!).LocalPath;
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file));

        var history = await alice.GetStringAsync($"/api/v1/instances/{id}/history");
        Assert.Contains($"disk to be saved as image {imageId}", history, StringComparison.Ordinal);
        Assert.Contains($"disk saved as image {imageId}", history, StringComparison.Ordinal);
        var imageHistory = await alice.GetStringAsync($"/api/v1/images/{imageId}/history");
        Assert.Contains($"saving the disk of instance {id} as my copy", imageHistory, StringComparison.Ordinal);

        // The new image launches for its owner and is nobody else's to see.
        var copy = await LaunchAsync(alice, "save-node", imageId);
        await alice.WaitForStateAsync(copy, "Running");
        using var bob = await cloud.NewUserAsync("other-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/v1/images/{imageId}")).StatusCode);
        Assert.DoesNotContain(imageId, await bob.GetStringAsync("/api/v1/images"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { name = "theirs" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/v1/images/{imageId}")).StatusCode);

        // Deregistered by its owner, it goes with its file; the instance made from it runs on.
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/v1/images/{imageId}")).StatusCode);
        Assert.False(File.Exists(file));
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/api/v1/images/{imageId}")).StatusCode);
        Assert.Equal("Running", await alice.StateAsync(copy));
    }

    [Fact]
    public async Task DeferredSave_WaitsForTheStop_ThenImageAvailable()
    {
        using var admin = cloud.AdminClient();
        var id = await LaunchAsync(admin, "save-node");
        await admin.WaitForStateAsync(id, "Running");
        var imageId = await SaveAsync(admin, id, new { deferred = true });

        // The host holds the save in its desired state but makes no copy while the guest runs.
        await WaitUntilAsync(() => Task.FromResult(_node.Desired), d => d?.Domains.Any(x => x.Saves?.Any(s => s.ImageId == imageId && s.Deferred) == true) == true);
        Assert.False(_node.Saved.ContainsKey(imageId));
        Assert.Equal("pending", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/images/{imageId}")).GetProperty("state").GetString());
        var launch = await admin.PostAsJsonAsync("/api/v1/instances", new { imageId, instanceType = "t1.micro" });
        Assert.Equal(HttpStatusCode.Conflict, launch.StatusCode);
        Assert.Contains("still being saved", await launch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await admin.ActAsync(id, "stop")).EnsureSuccessStatusCode();
        await admin.WaitForImageAsync(imageId, "available");
        await admin.WaitForStateAsync(id, "Stopped");
    }

    [Fact]
    public async Task Terminate_WithADeferredSave_SavesTheDiskFirst_ThenEnds()
    {
        using var admin = cloud.AdminClient();
        var id = await LaunchAsync(admin, "save-node");
        await admin.WaitForStateAsync(id, "Running");
        var imageId = await SaveAsync(admin, id, new { deferred = true });

        (await admin.DeleteAsync($"/api/v1/instances/{id}")).EnsureSuccessStatusCode();
        await admin.WaitForImageAsync(imageId, "available");
        await admin.WaitForStateAsync(id, "Done");
    }

    [Fact]
    public async Task HostFailsTheSave_ImageFailedWithTheReason_NotLaunchable()
    {
        using var admin = cloud.AdminClient();
        var id = await LaunchAsync(admin, "save-failing");
        await admin.WaitForStateAsync(id, "Running");
        var imageId = await SaveAsync(admin, id, new { });

        var image = await admin.WaitForImageAsync(imageId, "failed");
        Assert.Equal("disk full", image.GetProperty("stateReason").GetString());
        Assert.Equal("Running", await admin.StateAsync(id));
        var launch = await admin.PostAsJsonAsync("/api/v1/instances", new { imageId, instanceType = "t1.micro" });
        Assert.Equal(HttpStatusCode.Conflict, launch.StatusCode);
        Assert.Contains("disk full", await launch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingSave_Deregistered_TheHostIsAskedForItNoMore()
    {
        using var admin = cloud.AdminClient();
        var id = await LaunchAsync(admin, "save-node");
        await admin.WaitForStateAsync(id, "Running");
        var imageId = await SaveAsync(admin, id, new { deferred = true });
        await WaitUntilAsync(() => Task.FromResult(_node.Desired), d => d?.Domains.Any(x => x.Saves?.Any(s => s.ImageId == imageId) == true) == true);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/images/{imageId}")).StatusCode);

        await WaitUntilAsync(() => Task.FromResult(_node.Desired), d => d?.Domains.Any(x => x.InstanceId == id && x.Saves is null) == true);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/images/{imageId}")).StatusCode);
    }

    [Fact]
    public async Task Refusals_NameTheProblem()
    {
        using var admin = cloud.AdminClient();
        var id = await LaunchAsync(admin, "save-node");
        await admin.WaitForStateAsync(id, "Running");
        var name = "dup-" + Guid.NewGuid().ToString("N")[..6];
        await SaveAsync(admin, id, new { name });

        var duplicate = await admin.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { name });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains(name, await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { name = " padded" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/v1/instances/i-0123456789abcdef0/save", new { })).StatusCode);

        (await admin.DeleteAsync($"/api/v1/instances/{id}")).EnsureSuccessStatusCode();
        var terminating = await admin.PostAsJsonAsync($"/api/v1/instances/{id}/save", new { });
        Assert.Equal(HttpStatusCode.Conflict, terminating.StatusCode);
        Assert.Contains("terminating", await terminating.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> LaunchAsync(HttpClient client, string host, string? imageId = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/instances", new { imageId = imageId ?? _image, instanceType = "t1.micro", host });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("instances")[0].GetProperty("id").GetString()!;
    }

    private static async Task<string> SaveAsync(HttpClient client, string id, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/instances/{id}/save", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var image = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", image.GetProperty("state").GetString());
        return image.GetProperty("id").GetString()!;
    }

    private static async Task WaitUntilAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!done(await read()))
        {
            Assert.True(DateTime.UtcNow < until, "the condition never held");
            await Task.Delay(100);
        }
    }
}
