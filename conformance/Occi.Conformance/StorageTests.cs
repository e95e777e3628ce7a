using System.Net;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Occi.Conformance;

/// <summary>Storage resources and storage links through the text renderings (GFD.223 §8–9, GFD.224 §3.3 and §3.5).</summary>
public class StorageTests(OcciSite site) : IClassFixture<OcciSite>
{
    public const string StorageKind = "storage; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    public const string StorageLinkKind = "storagelink; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    private const string StorageActions = "http://schemas.ogf.org/occi/infrastructure/storage/action#";

    [Fact]
    public async Task Storage_IsCreatedReadListedUpdatedAndDeleted()
    {
        using var client = await site.NewUserAsync("store" + Guid.NewGuid().ToString("N")[..6]);
        var location = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1.5, occi.core.title=\"scratch\", occi.core.summary=\"for tests\""));

        Assert.StartsWith(site.Cloud.OcciAddress + "storage/vol-", location);
        var attributes = Occi.PlainAttributes(await client.GetPlainAsync(location));
        Assert.Equal("2", attributes["occi.storage.size"]);
        Assert.Equal("\"scratch\"", attributes["occi.core.title"]);
        Assert.Equal("\"for tests\"", attributes["occi.core.summary"]);
        Assert.Contains(attributes["occi.storage.state"], new[] { "\"online\"", "\"offline\"" });
        await client.WaitForAttributeAsync(location, "occi.storage.state", "online");

        using (var updated = await client.SendAsync(Occi.Request(HttpMethod.Post, location, "text/plain", ("X-OCCI-Attribute", "occi.core.title=\"renamed\""))))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        attributes = Occi.PlainAttributes(await client.GetPlainAsync(location));
        Assert.Equal(("\"renamed\"", "\"for tests\""), (attributes["occi.core.title"], attributes["occi.core.summary"]));

        var second = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1"));
        Assert.Equal(new[] { location, second }.Order(), (await UriListAsync(client, "/storage/")).Order());
        Assert.Equal([location], await UriListAsync(client, "/storage/", ("X-OCCI-Attribute", "occi.core.title=\"renamed\"")));
        var firstPage = await UriListAsync(client, "/storage/?page=1&number=1");
        var secondPage = await UriListAsync(client, "/storage/?page=2;number=1");
        Assert.Equal(new[] { location, second }.Order(), firstPage.Concat(secondPage).Order());
        Assert.Contains(location, await client.GetPlainAsync("/storage/"));

        using (var resized = await client.SendAsync(Occi.Request(HttpMethod.Post, location, "text/plain", ("X-OCCI-Attribute", "occi.storage.size=20"))))
        {
            Assert.Equal(HttpStatusCode.NotImplemented, resized.StatusCode);
        }

        foreach (var made in new[] { location, second })
        {
            using var deleted = await client.DeleteAsync(made);
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            using var gone = await client.SendAsync(Occi.Request(HttpMethod.Get, made, "text/plain"));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty(await UriListAsync(client, "/storage/"));
    }

    [Fact]
    public async Task Storage_AtAChosenPath_IsMadeOnceByPut()
    {
        using var client = await site.NewUserAsync("put" + Guid.NewGuid().ToString("N")[..6]);
        using var created = await client.SendAsync(Occi.Request(HttpMethod.Put, "/storage/my-disk", "text/plain", ("Category", StorageKind), ("X-OCCI-Attribute", "occi.storage.size=1")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(site.Cloud.OcciAddress + "storage/my-disk", created.Headers.Location!.ToString());

        using var again = await client.SendAsync(Occi.Request(HttpMethod.Put, "/storage/my-disk", "text/plain", ("Category", StorageKind), ("X-OCCI-Attribute", "occi.core.title=\"replaced\"")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal([site.Cloud.OcciAddress + "storage/my-disk"], await UriListAsync(client, "/storage/"));
        Assert.Equal("\"replaced\"", Occi.PlainAttributes(await client.GetPlainAsync("/storage/my-disk"))["occi.core.title"]);

        using var bad = await client.SendAsync(Occi.Request(HttpMethod.Put, "/storage/no spaces", "text/plain", ("Category", StorageKind), ("X-OCCI-Attribute", "occi.storage.size=1")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("occi.storage.size=0")]
    [InlineData("occi.storage.size=\"big\"")]
    [InlineData("occi.core.title=\"no size\"")]
    public async Task Storage_WithoutAUsableSize_Is400WithTheReason(string attribute)
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Post, "/storage/", "text/plain", ("Category", StorageKind), ("X-OCCI-Attribute", attribute)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("occi.storage.size", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StorageActions_SnapshotMakesACoreSnapshot_OthersAnswerAsTheSiteCan()
    {
        var user = "snap" + Guid.NewGuid().ToString("N")[..6];
        using var client = await site.NewUserAsync(user);
        var location = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1"));
        await client.WaitForAttributeAsync(location, "occi.storage.state", "online");
        var path = new Uri(location).AbsolutePath;
        Assert.Contains($"Link: <{path}?action=snapshot>; rel=\"{StorageActions}snapshot\"", await client.GetPlainAsync(location));

        Assert.Equal(HttpStatusCode.OK, await ActAsync(client, path, "snapshot"));
        var snapshots = await site.Cloud.Service<VolumeService>().ListSnapshotsAsync(new Actor(user, false, "test"), new SnapshotQuery { VolumeId = path["/storage/".Length..] }, default);
        Assert.Single(snapshots);

        Assert.Equal(HttpStatusCode.OK, await ActAsync(client, path, "online"));
        Assert.Equal(HttpStatusCode.NotImplemented, await ActAsync(client, path, "backup"));
        Assert.Equal(HttpStatusCode.NotImplemented, await ActAsync(client, path, "resize"));
        Assert.Equal(HttpStatusCode.BadRequest, await ActAsync(client, path, "start"));
    }

    // GFD.224 §3.3, the storage actions table: offline takes a storage out of use, online brings it back.
    [Fact]
    public async Task StorageOffline_RefusesLinksUntilOnlineAgain()
    {
        var user = "offl" + Guid.NewGuid().ToString("N")[..6];
        using var client = await site.NewUserAsync(user);
        var compute = await client.CreateComputeAsync();
        var storage = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1"));
        await client.WaitForAttributeAsync(storage, "occi.storage.state", "online");
        var storagePath = new Uri(storage).AbsolutePath;
        Assert.Contains($"Link: <{storagePath}?action=offline>; rel=\"{StorageActions}offline\"", await client.GetPlainAsync(storage));

        Assert.Equal(HttpStatusCode.OK, await ActAsync(client, storagePath, "offline"));
        var plain = await client.GetPlainAsync(storage);
        Assert.Equal("\"offline\"", Occi.PlainAttributes(plain)["occi.storage.state"]);
        Assert.Contains($"Link: <{storagePath}?action=online>; rel=\"{StorageActions}online\"", plain);
        Assert.Equal(HttpStatusCode.OK, await ActAsync(client, storagePath, "offline"));
        using (var link = await client.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{compute}\", occi.core.target=\"{storagePath}\""))))
        {
            Assert.Equal(HttpStatusCode.Conflict, link.StatusCode);
            Assert.Contains("offline", await link.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, await ActAsync(client, storagePath, "online"));
        Assert.Equal("\"online\"", Occi.PlainAttributes(await client.GetPlainAsync(storage))["occi.storage.state"]);
        using var linked = await client.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{compute}\", occi.core.target=\"{storagePath}\"")));
        Assert.True(linked.StatusCode == HttpStatusCode.Created, await linked.Content.ReadAsStringAsync());
        var history = await site.Cloud.Service<VolumeService>().HistoryAsync(new Actor(user, false, "test"), storagePath["/storage/".Length..], default);
        Assert.Contains(history.Value!, h => h.Description == "taken offline" && h.Via == "occi");
    }

    [Fact]
    public async Task StorageLink_AttachesByCreate_IsRenderedOnBothEnds_AndDetachesByDelete()
    {
        var user = "link" + Guid.NewGuid().ToString("N")[..6];
        using var client = await site.NewUserAsync(user);
        var compute = await client.CreateComputeAsync();
        await client.WaitForStateAsync(compute, "active");
        var storage = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1"));
        await client.WaitForAttributeAsync(storage, "occi.storage.state", "online");
        var computePath = new Uri(compute).AbsolutePath;
        var storagePath = new Uri(storage).AbsolutePath;

        using var created = await client.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{compute}\", occi.core.target=\"{storagePath}\", occi.storagelink.deviceid=\"/dev/vdb\", occi.storagelink.mountpoint=\"/mnt/data\"")));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var link = created.Headers.Location!.ToString();
        var linkPath = new Uri(link).AbsolutePath;
        Assert.Equal($"/link/storagelink/{storagePath["/storage/".Length..]}_{computePath["/compute/".Length..]}", linkPath);

        var attributes = Occi.PlainAttributes(await client.GetPlainAsync(link));
        Assert.Equal($"\"{computePath}\"", attributes["occi.core.source"]);
        Assert.Equal($"\"{storagePath}\"", attributes["occi.core.target"]);
        Assert.StartsWith("\"/dev/vd", attributes["occi.storagelink.deviceid"]);
        Assert.Equal("\"/mnt/data\"", attributes["occi.storagelink.mountpoint"]);
        Assert.Contains(attributes["occi.storagelink.state"], new[] { "\"active\"", "\"inactive\"" });
        Assert.Contains($"Link: <{storagePath}>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"; self=\"{linkPath}\"", await client.GetPlainAsync(compute));
        Assert.Contains($"self=\"{linkPath}\"", await client.GetPlainAsync(storage));
        Assert.Equal([link], await UriListAsync(client, "/link/storagelink/"));
        Assert.Equal("\"online\"", Occi.PlainAttributes(await client.GetPlainAsync(storage))["occi.storage.state"]);

        // The mount point lives on the core's attachment, not among the compute's tags that EC2 shows.
        var actor = new Actor(user, false, "test");
        var volume = (await site.Cloud.Service<VolumeService>().GetAsync(actor, storagePath["/storage/".Length..], default)).Value!;
        Assert.Equal("/mnt/data", Assert.Single(volume.Attachments).MountPoint);
        var instance = (await site.Cloud.Service<Compute.Instances.InstanceService>().GetAsync(actor, computePath["/compute/".Length..], default)).Value!;
        Assert.DoesNotContain(instance.Tags.Keys, k => k.StartsWith("occi.", StringComparison.Ordinal));

        // GFD.224 §3.3: offline takes the storage out of use; linked storage is in use until its links go, and the 409 names them.
        using (var offline = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{storagePath}?action=offline", "text/plain")))
        {
            Assert.Equal(HttpStatusCode.Conflict, offline.StatusCode);
            Assert.Contains(linkPath, await offline.Content.ReadAsStringAsync());
        }

        using (var refused = await client.DeleteAsync(storage))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("storage link", await refused.Content.ReadAsStringAsync());
        }

        using (var twice = await client.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{computePath}\", occi.core.target=\"{storagePath}\""))))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var detached = await client.DeleteAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, detached.StatusCode);
        }

        await client.WaitForGoneAsync(link);
        Assert.DoesNotContain("/mnt/data", await client.GetPlainAsync(compute));
        Assert.DoesNotContain("storagelink", await client.GetPlainAsync(compute));
        using (var deleted = await client.DeleteAsync(storage))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }
    }

    [Fact]
    public async Task Compute_WithAnInlineStorageLink_HasTheStorageAttachedAtLaunch()
    {
        using var client = await site.NewUserAsync("inline" + Guid.NewGuid().ToString("N")[..6]);
        var storage = await client.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1"));
        await client.WaitForAttributeAsync(storage, "occi.storage.state", "online");
        var storagePath = new Uri(storage).AbsolutePath;

        var compute = await client.CreateComputeAsync(
            ("Link", $"<{storagePath}>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"; category=\"http://schemas.ogf.org/occi/infrastructure#storagelink\"; occi.storagelink.deviceid=\"/dev/vdc\"; occi.storagelink.mountpoint=\"/srv\""));

        var plain = await client.GetPlainAsync(compute);
        Assert.Contains($"Link: <{storagePath}>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"", plain);
        Assert.Contains("occi.storagelink.mountpoint=\"/srv\"", plain);
        Assert.Contains("/link/storagelink/", await client.GetPlainAsync(storage));

        using var refused = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/", "text/plain", ("Category", OcciSite.ComputeKind),
            ("Link", "</storage/vol-00000000000000000>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersStorageAndLinks_AreInvisibleAndUntouchable()
    {
        using var alice = await site.NewUserAsync("salice" + Guid.NewGuid().ToString("N")[..6]);
        using var bob = await site.NewUserAsync("sbob" + Guid.NewGuid().ToString("N")[..6]);
        var storage = await alice.CreateStorageAsync(("X-OCCI-Attribute", "occi.storage.size=1, occi.core.title=\"alice's\""));
        await alice.WaitForAttributeAsync(storage, "occi.storage.state", "online");
        var alicesCompute = await alice.CreateComputeAsync();
        using (var linked = await alice.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{alicesCompute}\", occi.core.target=\"{storage}\""))))
        {
            Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        }

        var link = (await UriListAsync(alice, "/link/storagelink/")).Single();
        foreach (var (method, location) in new[] { (HttpMethod.Get, storage), (HttpMethod.Post, storage), (HttpMethod.Delete, storage), (HttpMethod.Get, link), (HttpMethod.Delete, link) })
        {
            using var response = await bob.SendAsync(Occi.Request(method, location, "text/plain", ("X-OCCI-Attribute", "occi.core.title=\"mine now\"")));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Empty(await UriListAsync(bob, "/storage/"));
        Assert.Empty(await UriListAsync(bob, "/link/storagelink/"));
        var bobsCompute = await bob.CreateComputeAsync();
        using (var stolen = await bob.SendAsync(Occi.Request(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{bobsCompute}\", occi.core.target=\"{storage}\""))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        }

        Assert.Equal("\"alice's\"", Occi.PlainAttributes(await alice.GetPlainAsync(storage))["occi.core.title"]);
        Assert.Equal([link], await UriListAsync(alice, "/link/storagelink/"));
    }

    private static async Task<HttpStatusCode> ActAsync(HttpClient client, string path, string action)
    {
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action={action}", "text/plain"));
        Assert.NotEmpty((await response.Content.ReadAsStringAsync()).Trim());
        return response.StatusCode;
    }

    private static async Task<string[]> UriListAsync(HttpClient client, string path, params (string Name, string Value)[] filter)
    {
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, path, "text/uri-list", filter));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>Storage helpers for OCCI tests.</summary>
public static class OcciStorage
{
    /// <summary>Creates a storage and returns its absolute location.</summary>
    public static async Task<string> CreateStorageAsync(this HttpClient client, params (string Name, string Value)[] extra)
    {
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Post, "/storage/", "text/occi", [("Category", StorageTests.StorageKind), .. extra]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create answered {(int)response.StatusCode}: {body}");
        return response.Headers.Location!.ToString();
    }

    /// <summary>Polls until nothing is at <paramref name="location"/> (a detach the host has confirmed).</summary>
    public static async Task WaitForGoneAsync(this HttpClient client, string location)
    {
        for (var i = 0; i < 300; i++)
        {
            using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, location, "text/plain"));
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{location} is still there");
    }
}
