using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StandardsCloud.CloudKit;

namespace StandardsCloud.Server.Tests.Api;

/// <summary>The disk API under <c>/api/v1/disks</c> (StratusLab pdisk's resources) through real HTTP.</summary>
public sealed class DiskApiTests(CloudFixture cloud) : IClassFixture<CloudFixture>, IAsyncLifetime
{
    private FakeNode _node = null!;
    private string _image = "";

    public async Task InitializeAsync()
    {
        _node = new FakeNode(cloud, "disk-node", cpus: 64, memoryMiB: 262144);
        await _node.StartAsync();
        _image = await cloud.RegisterImageAsync("disk-" + Guid.NewGuid().ToString("N")[..8]);
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static async Task<(HttpStatusCode Status, JsonElement Body, Uri? Location)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers.Location);
    }

    private static async Task<string> CreateDiskAsync(HttpClient client, object body)
    {
        var (status, disk, location) = await SendAsync(client, HttpMethod.Post, "/api/v1/disks", body);
        Assert.True(status == HttpStatusCode.Created, $"create answered {(int)status}: {disk}");
        var uuid = disk.GetProperty("uuid").GetString()!;
        Assert.Equal($"/api/v1/disks/{uuid}", location!.ToString());
        return uuid;
    }

    [Fact]
    public async Task Disk_IsCreatedReadListedRetaggedAndDeleted_WithItsHistory()
    {
        var user = NewName("pd");
        using var client = await cloud.NewUserAsync(user);
        var uuid = await CreateDiskAsync(client, new { size = 1, tag = "data" });

        var (_, disk, _) = await SendAsync(client, HttpMethod.Get, $"/api/v1/disks/{uuid}");
        Assert.StartsWith("vol-", uuid, StringComparison.Ordinal);
        Assert.Equal((1, "data", "private", user, 0), (disk.GetProperty("size").GetInt32(), disk.GetProperty("tag").GetString(),
            disk.GetProperty("visibility").GetString(), disk.GetProperty("owner").GetString(), disk.GetProperty("users").GetInt32()));
        Assert.Contains(disk.GetProperty("state").GetString(), new[] { "creating", "available" });
        Assert.True(disk.TryGetProperty("created", out _));
        var listed = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/disks"))!;
        Assert.Equal(uuid, Assert.Single(listed, d => d.GetProperty("owner").GetString() == user).GetProperty("uuid").GetString());

        var (patched, changed, _) = await SendAsync(client, HttpMethod.Patch, $"/api/v1/disks/{uuid}", new { tag = "renamed", visibility = "PUBLIC" });
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal(("renamed", "public"), (changed.GetProperty("tag").GetString(), changed.GetProperty("visibility").GetString()));
        var (put, replaced, _) = await SendAsync(client, HttpMethod.Put, $"/api/v1/disks/{uuid}", new { visibility = "private" });
        Assert.Equal(HttpStatusCode.OK, put);
        Assert.Equal(("renamed", "private"), (replaced.GetProperty("tag").GetString(), replaced.GetProperty("visibility").GetString()));

        var history = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/history"))!;
        Assert.True(history.Length >= 2, $"history has {history.Length} entries");
        Assert.All(history, h => Assert.Equal(user, h.GetProperty("actor").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}")).Status);
        var (gone, problem, _) = await SendAsync(client, HttpMethod.Get, $"/api/v1/disks/{uuid}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest, "size")]
    [InlineData("{\"size\":0}", HttpStatusCode.BadRequest, "size")]
    [InlineData("{\"size\":1,\"visibility\":\"shared\"}", HttpStatusCode.BadRequest, "visibility")]
    [InlineData("{\"size\":", HttpStatusCode.BadRequest, "JSON")]
    [InlineData("[1]", HttpStatusCode.BadRequest, "JSON")]
    [InlineData("{\"size\":16385}", HttpStatusCode.RequestEntityTooLarge, "GiB")]
    public async Task Create_WithBadInput_IsAJsonProblemSayingWhatIsWrong(string body, HttpStatusCode expected, string named)
    {
        using var client = await cloud.NewUserAsync(NewName("bad"));
        using var response = await client.PostAsync("/api/v1/disks", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAnOversizedBodyOrNoCredentials_IsRefused()
    {
        using var client = await cloud.NewUserAsync(NewName("big"));
        var padding = new string('x', 20_000);
        using var tooLarge = await client.PostAsync("/api/v1/disks", new StringContent($"{{\"size\":1,\"tag\":\"{padding}\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var anonymous = cloud.Client();
        using var unauthenticated = await anonymous.PostAsJsonAsync("/api/v1/disks", new { size = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Contains("Basic", unauthenticated.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_OverTheVolumeQuota_Is413WithTheQuotaNamed()
    {
        using var client = await cloud.NewUserAsync(NewName("pq"), new { volumeGiB = 2 });
        await CreateDiskAsync(client, new { size = 2 });

        var (status, problem, _) = await SendAsync(client, HttpMethod.Post, "/api/v1/disks", new { size = 1 });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("quota", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshots_TakenListedDeleted_OverTheSnapshotQuotaIs403WithTheQuotaNamed()
    {
        using var client = await cloud.NewUserAsync(NewName("ps"), new { snapshots = 1 });
        var uuid = await CreateDiskAsync(client, new { size = 1 });
        await WaitForDiskStateAsync(client, uuid, "available");

        var (taken, snapshot, location) = await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/snapshots", new { description = "before the upgrade" });
        Assert.True(taken == HttpStatusCode.Created, $"snapshot answered {(int)taken}: {snapshot}");
        var snapshotId = snapshot.GetProperty("uuid").GetString()!;
        Assert.Equal($"/api/v1/disks/{uuid}/snapshots/{snapshotId}", location!.ToString());
        Assert.Equal(uuid, snapshot.GetProperty("disk").GetString());
        var listed = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/snapshots"))!;
        Assert.Equal(snapshotId, Assert.Single(listed).GetProperty("uuid").GetString());

        var (refused, problem, _) = await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/snapshots");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("SnapshotQuotaExceeded", problem.GetProperty("title").GetString());
        Assert.Contains("snapshot quota 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}/snapshots/snap-0123456789abcdef0")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}/snapshots/{snapshotId}")).Status);
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/snapshots")).Status);
    }

    [Fact]
    public async Task OthersDisks_PrivateAreInvisible_PublicAreReadableNeverChangeable()
    {
        using var alice = await cloud.NewUserAsync(NewName("pa"));
        using var bob = await cloud.NewUserAsync(NewName("pb"));
        var hidden = await CreateDiskAsync(alice, new { size = 1, tag = "hidden" });
        var shared = await CreateDiskAsync(alice, new { size = 1, tag = "shared", visibility = "public" });

        var bobSees = (await bob.GetFromJsonAsync<JsonElement[]>("/api/v1/disks"))!.Select(d => d.GetProperty("uuid").GetString()).ToList();
        Assert.Contains(shared, bobSees);
        Assert.DoesNotContain(hidden, bobSees);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(bob, HttpMethod.Get, $"/api/v1/disks/{shared}")).Status);

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, $"/api/v1/disks/{hidden}", null),
            (HttpMethod.Patch, $"/api/v1/disks/{hidden}", new { tag = "mine" }),
            (HttpMethod.Delete, $"/api/v1/disks/{hidden}", null),
            (HttpMethod.Get, $"/api/v1/disks/{hidden}/mounts", null),
            (HttpMethod.Get, $"/api/v1/disks/{hidden}/history", null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(bob, method, path, body)).Status);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(bob, HttpMethod.Patch, $"/api/v1/disks/{shared}", new { tag = "mine" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(bob, HttpMethod.Delete, $"/api/v1/disks/{shared}")).Status);
        var (_, still, _) = await SendAsync(alice, HttpMethod.Get, $"/api/v1/disks/{shared}");
        Assert.Equal("shared", still.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task Mount_AttachesToAnInstance_DeleteIs409UntilUnmounted()
    {
        using var client = await cloud.NewUserAsync(NewName("pm"));
        var instance = (await client.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        await client.WaitForStateAsync(instance, "Running");
        var uuid = await CreateDiskAsync(client, new { size = 1 });
        await WaitForDiskStateAsync(client, uuid, "available");

        var (mounted, mount, location) = await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/mounts", new { instance, device = "/dev/vdb", mountPoint = "/srv/data" });
        Assert.True(mounted == HttpStatusCode.Created, $"mount answered {(int)mounted}: {mount}");
        Assert.Equal($"/api/v1/disks/{uuid}/mounts/{instance}", location!.ToString());
        Assert.Equal((uuid, instance, "/dev/vdb"), (mount.GetProperty("disk").GetString(), mount.GetProperty("instance").GetString(), mount.GetProperty("device").GetString()));
        var mounts = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/mounts"))!;
        Assert.Equal(instance, Assert.Single(mounts).GetProperty("instance").GetString());
        Assert.Equal("/srv/data", mounts[0].GetProperty("mountPoint").GetString());
        Assert.Equal(1, (await SendAsync(client, HttpMethod.Get, $"/api/v1/disks/{uuid}")).Body.GetProperty("users").GetInt32());

        var (refused, problem, _) = await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}");
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/mounts", new { device = "/dev/vdc" })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}/mounts/{instance}")).Status);
        await WaitForDiskStateAsync(client, uuid, "available");
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/mounts"))!);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(client, HttpMethod.Delete, $"/api/v1/disks/{uuid}")).Status);
    }

    [Fact]
    public async Task Online_FalseTakesAnUnmountedDiskOutOfUse_MountIs409UntilOnlineAgain()
    {
        using var client = await cloud.NewUserAsync(NewName("po"));
        var instance = (await client.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        var uuid = await CreateDiskAsync(client, new { size = 1 });
        await WaitForDiskStateAsync(client, uuid, "available");
        Assert.True((await SendAsync(client, HttpMethod.Get, $"/api/v1/disks/{uuid}")).Body.GetProperty("online").GetBoolean());

        var (patched, offline, _) = await SendAsync(client, HttpMethod.Patch, $"/api/v1/disks/{uuid}", new { online = false });
        Assert.Equal(HttpStatusCode.OK, patched);
        Assert.Equal((false, "available"), (offline.GetProperty("online").GetBoolean(), offline.GetProperty("state").GetString()));
        var (refused, problem, _) = await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/mounts", new { instance });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("offline", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/mounts"))!);

        var (_, online, _) = await SendAsync(client, HttpMethod.Patch, $"/api/v1/disks/{uuid}", new { online = true });
        Assert.True(online.GetProperty("online").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{uuid}/mounts", new { instance })).Status);
        var (mountedRefusal, mountedProblem, _) = await SendAsync(client, HttpMethod.Patch, $"/api/v1/disks/{uuid}", new { online = false });
        Assert.Equal(HttpStatusCode.Conflict, mountedRefusal);
        Assert.Contains(instance, mountedProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var history = (await client.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{uuid}/history"))!.Select(h => h.GetProperty("description").GetString()).ToList();
        Assert.Contains("taken offline", history);
        Assert.Contains("brought online", history);
    }

    [Fact]
    public async Task Mount_OnAnotherUsersInstance_IsNotFound()
    {
        using var alice = await cloud.NewUserAsync(NewName("ma"));
        using var bob = await cloud.NewUserAsync(NewName("mb"));
        var alicesInstance = (await alice.LaunchAsync(_image)).Single().GetProperty("id").GetString()!;
        var bobsDisk = await CreateDiskAsync(bob, new { size = 1 });
        await WaitForDiskStateAsync(bob, bobsDisk, "available");

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(bob, HttpMethod.Post, $"/api/v1/disks/{bobsDisk}/mounts", new { instance = alicesInstance })).Status);
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement[]>($"/api/v1/disks/{bobsDisk}/mounts"))!);
    }

    [Fact]
    public async Task Copy_IsANewDiskOfTheCallerThatNamesItsOrigin()
    {
        using var client = await cloud.NewUserAsync(NewName("pc"));
        var origin = await CreateDiskAsync(client, new { size = 2, tag = "origin" });
        await WaitForDiskStateAsync(client, origin, "available");

        var (status, copy, location) = await SendAsync(client, HttpMethod.Post, $"/api/v1/disks/{origin}/copies", new { tag = "copy" });
        Assert.True(status == HttpStatusCode.Created, $"copy answered {(int)status}: {copy}");
        var uuid = copy.GetProperty("uuid").GetString()!;
        Assert.NotEqual(origin, uuid);
        Assert.Equal($"/api/v1/disks/{uuid}", location!.ToString());
        Assert.Equal(("copy", origin, 2), (copy.GetProperty("tag").GetString(), copy.GetProperty("origin").GetString(), copy.GetProperty("size").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(client, HttpMethod.Post, "/api/v1/disks/vol-00000000000000000/copies", new { })).Status);
    }

    private static async Task WaitForDiskStateAsync(HttpClient client, string uuid, string state)
    {
        var last = "";
        for (var i = 0; i < 300; i++)
        {
            last = (await SendAsync(client, HttpMethod.Get, $"/api/v1/disks/{uuid}")).Body.GetProperty("state").GetString()!;
            if (last == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"disk {uuid} stayed {last}, never {state}");
    }
}
