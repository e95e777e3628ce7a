using System.Net;
using System.Text;

namespace StandardsCloud.Occi.Conformance;

/// <summary>Compute resources through the text renderings, as 1.1 and 1.2 clients drive them (GFD.223 §8–9, GFD.224 §3.1).</summary>
public class ComputeTests(OcciSite site) : IClassFixture<OcciSite>
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ4b3Vy7gq4bO7bVjQ0eMwtqTxh3bS8YlQd6m0dSgpQ occi@test";

    [Fact]
    public async Task Create_WithTemplatesKeyAndUserData_RunsThroughItsActionsAndIsDeleted()
    {
        using var client = site.Client();
        var location = await client.CreateComputeAsync(
            ("Category", $"{site.ImageId}; scheme=\"http://schemas.standardscloud.org/occi/os_tpl#\"; class=\"mixin\""),
            ("Category", "m1_small; scheme=\"http://schemas.standardscloud.org/occi/resource_tpl#\"; class=\"mixin\""),
            ("Category", "ssh_key; scheme=\"http://schemas.ogf.org/occi/infrastructure/credentials#\"; class=\"mixin\""),
            ("X-OCCI-Attribute", $"occi.credentials.ssh.publickey=\"{Key}\", occi.compute.userdata=\"#!/bin/sh; echo hello\", occi.core.title=\"web 1\""));

        Assert.StartsWith(site.Cloud.OcciAddress.ToString().TrimEnd('/') + "/compute/i-", location);
        var plain = await client.GetPlainAsync(location);
        var attributes = Occi.PlainAttributes(plain);
        Assert.Contains($"Category: {site.ImageId}; scheme=\"http://schemas.standardscloud.org/occi/os_tpl#\"; class=\"mixin\"", plain);
        Assert.Contains("Category: m1_small; scheme=\"http://schemas.standardscloud.org/occi/resource_tpl#\"; class=\"mixin\"", plain);
        Assert.Equal($"\"{location[(location.LastIndexOf('/') + 1)..]}\"", attributes["occi.core.id"]);
        Assert.Equal("1", attributes["occi.compute.cores"]);
        Assert.Equal("1.5", attributes["occi.compute.memory"]);
        Assert.Equal("\"web 1\"", attributes["occi.core.title"]);
        Assert.Equal($"\"{Key}\"", attributes["occi.credentials.ssh.publickey"]);
        Assert.Equal($"\"{Convert.ToBase64String(Encoding.UTF8.GetBytes("#!/bin/sh; echo hello"))}\"", attributes["occi.compute.userdata"]);

        await client.WaitForStateAsync(location, "active");
        Assert.Equal("2.4", Occi.PlainAttributes(await client.GetPlainAsync(location))["occi.compute.speed"]);
        var path = new Uri(location).AbsolutePath;
        Assert.Contains($"Link: <{path}?action=stop>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#stop\"", await client.GetPlainAsync(location));

        foreach (var (action, state) in new[] { ("stop", "inactive"), ("start", "active"), ("suspend", "suspended"), ("start", "active") })
        {
            using var acted = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action={action}", "text/plain",
                ("Category", $"{action}; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\"")));
            Assert.True(acted.StatusCode == HttpStatusCode.OK, $"{action}: {(int)acted.StatusCode} {await acted.Content.ReadAsStringAsync()}");
            await client.WaitForStateAsync(location, state);
        }

        using (var restart = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action=restart", "text/plain", ("X-OCCI-Attribute", "method=\"warm\""))))
        {
            Assert.Equal(HttpStatusCode.OK, restart.StatusCode);
        }

        using (var wrongAction = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action=up", "text/plain")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrongAction.StatusCode);
        }

        using (var deleted = await client.DeleteAsync(location))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using var gone = await client.SendAsync(Occi.Request(HttpMethod.Get, location, "text/plain"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task CreateAtRoot_AsOcci11ClientsDo_ParsesEscapesAndSizesByHand()
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Post, "/", "text/plain",
            ("Category", "compute;scheme=\"http://schemas.ogf.org/occi/infrastructure#\""),
            ("X-OCCI-Attribute", "occi.compute.memory=3.6, occi.core.title=\"How's your quotes escaping? \\\", occi.compute.memory=1.0\", occi.compute.cores=2")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"X-OCCI-Location: {response.Headers.Location}", body.Trim());
        var attributes = Occi.PlainAttributes(await client.GetPlainAsync(response.Headers.Location!.ToString()));
        Assert.Equal("3.6", attributes["occi.compute.memory"]);
        Assert.Equal("2", attributes["occi.compute.cores"]);
        Assert.Equal("\"How's your quotes escaping? \\\", occi.compute.memory=1.0\"", attributes["occi.core.title"]);
        await client.DeleteAsync(response.Headers.Location);
    }

    [Fact]
    public async Task PutAtChosenPath_CreatesThenReplaces()
    {
        using var client = site.Client();
        var name = "/compute/chosen-" + Guid.NewGuid().ToString("N")[..8];
        using (var created = await client.SendAsync(Occi.Request(HttpMethod.Put, name, "text/occi", ("Category", OcciSite.ComputeKind), ("X-OCCI-Attribute", "occi.compute.speed=0.1"))))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(site.Cloud.OcciAddress.ToString().TrimEnd('/') + name, created.Headers.Location!.ToString());
            Assert.Equal(created.Headers.Location.ToString(), created.Header("X-OCCI-Location"));
        }

        using (var replaced = await client.SendAsync(Occi.Request(HttpMethod.Put, name, "text/occi", ("Category", OcciSite.ComputeKind), ("X-OCCI-Attribute", "occi.core.title=\"renamed\""))))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            Assert.Contains("occi.core.title=\"renamed\"", replaced.Header("X-OCCI-Attribute"));
        }

        using var list = await client.SendAsync(Occi.Request(HttpMethod.Get, "/compute/", "text/uri-list"));
        Assert.Contains(site.Cloud.OcciAddress.ToString().TrimEnd('/') + name, (await list.Content.ReadAsStringAsync()).Split("\r\n"));
        using var elsewhere = await client.SendAsync(Occi.Request(HttpMethod.Put, "/123", "text/plain", ("Category", OcciSite.ComputeKind)));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        await client.DeleteAsync(name);
    }

    [Fact]
    public async Task PartialUpdate_HostnameAndTitle_AndAttributeFilterFindsIt()
    {
        using var client = site.Client();
        var location = await client.CreateComputeAsync();
        var hostname = "host-" + Guid.NewGuid().ToString("N")[..8];
        using (var updated = await client.SendAsync(Occi.Request(HttpMethod.Post, location, "text/plain", ("X-OCCI-Attribute", $"occi.compute.hostname=\"{hostname}\", occi.core.summary=\"a test\""))))
        {
            var body = await updated.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            Assert.Contains($"X-OCCI-Attribute: occi.compute.hostname=\"{hostname}\"", body);
            Assert.Contains("X-OCCI-Attribute: occi.core.summary=\"a test\"", body);
        }

        await client.CreateComputeAsync();
        using var filtered = await client.SendAsync(Occi.Request(HttpMethod.Get, "/compute/", "text/occi", ("X-OCCI-Attribute", $"occi.compute.hostname=\"{hostname}\"")));
        Assert.Equal(location, filtered.Header("X-OCCI-Location"));

        using var started = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/?action=start", "text/occi",
            ("Category", "start; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\"")));
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
    }

    [Fact]
    public async Task UserMixin_CollectsComputes_PostPutDelete()
    {
        using var client = site.Client();
        var first = await client.CreateComputeAsync();
        var second = await client.CreateComputeAsync();
        var term = "group" + Guid.NewGuid().ToString("N")[..6];
        var category = $"{term}; scheme=\"http://example.com/occi/tags#\"; class=\"mixin\"";
        (await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", category + $"; location=\"/{term}/\"")))).EnsureSuccessStatusCode();

        using (var added = await client.SendAsync(Occi.Request(HttpMethod.Post, $"/{term}/", "text/occi", ("X-OCCI-Location", first))))
        {
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
            Assert.Equal(first, added.Header("X-OCCI-Location"));
        }

        Assert.Contains($"Category: {category}", await client.GetPlainAsync(first));
        using (var replaced = await client.SendAsync(Occi.Request(HttpMethod.Put, $"/{term}/", "text/occi", ("X-OCCI-Location", second))))
        {
            Assert.Equal(second, replaced.Header("X-OCCI-Location"));
        }

        using (var filtered = await client.SendAsync(Occi.Request(HttpMethod.Get, "/compute/", "text/occi", ("Category", $"{term}; scheme=\"http://example.com/occi/tags#\""))))
        {
            Assert.Equal(second, filtered.Header("X-OCCI-Location"));
        }

        using (var removed = await client.SendAsync(Occi.Request(HttpMethod.Delete, $"/{term}/", "text/occi", ("X-OCCI-Location", second))))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
            Assert.Equal("", removed.Header("X-OCCI-Location"));
        }

        using var provider = await client.SendAsync(Occi.Request(HttpMethod.Post, $"/mixin/os_tpl/{site.ImageId}/", "text/occi", ("X-OCCI-Location", first)));
        Assert.Equal(HttpStatusCode.Forbidden, provider.StatusCode);
    }

    [Fact]
    public async Task PublicNetworkLink_GivesAnAddress_AndDeletingItGivesItBack()
    {
        using var client = site.Client();
        var location = await client.CreateComputeAsync(("Link", "</network/public>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\""));
        var id = location[(location.LastIndexOf('/') + 1)..];

        var plain = await client.GetPlainAsync(location);
        Assert.Contains($"Link: </network/public>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/link/networkinterface/{id}_public\"", plain);
        Assert.Matches("occi.networkinterface.address=\"198\\.51\\.100\\.[0-7]\"", plain);
        Assert.Contains($"self=\"/link/networkinterface/{id}_private\"", plain);

        var link = await client.GetPlainAsync($"/link/networkinterface/{id}_public");
        Assert.Contains("Category: networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"", link);
        Assert.Contains($"X-OCCI-Attribute: occi.core.source=\"/compute/{id}\"", link);
        Assert.Contains("X-OCCI-Attribute: occi.core.target=\"/network/public\"", link);

        using (var deleted = await client.DeleteAsync($"/link/networkinterface/{id}_public"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        Assert.DoesNotContain("/network/public", await client.GetPlainAsync(location));
        using (var relinked = await client.SendAsync(Occi.Request(HttpMethod.Post, "/link/networkinterface/", "text/plain",
            ("Category", "networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\""),
            ("X-OCCI-Attribute", $"occi.core.source=\"{location}\", occi.core.target=\"/network/public\""))))
        {
            Assert.Equal(HttpStatusCode.Created, relinked.StatusCode);
            Assert.EndsWith($"/link/networkinterface/{id}_public", relinked.Headers.Location!.ToString());
        }

        using var networks = await client.SendAsync(Occi.Request(HttpMethod.Get, "/network/", "text/uri-list"));
        Assert.Equal([$"{site.Cloud.OcciAddress}network/private", $"{site.Cloud.OcciAddress}network/public"],
            (await networks.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        await client.DeleteAsync(location);
    }

    [Theory]
    [InlineData("Category", "nosuch; scheme=\"http://example.com/none#\"; class=\"mixin\"", HttpStatusCode.BadRequest)]
    [InlineData("Category", "nosuch; scheme=\"http://schemas.standardscloud.org/occi/os_tpl#\"; class=\"mixin\"", HttpStatusCode.BadRequest)]
    [InlineData("X-OCCI-Attribute", "occi.compute.cores=\"many\"", HttpStatusCode.BadRequest)]
    [InlineData("X-OCCI-Attribute", "occi.compute.cores=4096", HttpStatusCode.BadRequest)]
    [InlineData("Link", "</storage/disk1>; rel=\"http://schemas.ogf.org/occi/infrastructure#storage\"", HttpStatusCode.BadRequest)]
    public async Task Create_WithWhatIsNotOffered_IsRefusedWithTheReason(string field, string value, HttpStatusCode expected)
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/", "text/plain", ("Category", OcciSite.ComputeKind), (field, value)));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty((await response.Content.ReadAsStringAsync()).Trim());
    }

    [Fact]
    public async Task Networks_AreTheSites()
    {
        using var client = site.Client();
        using var network = await client.SendAsync(Occi.Request(HttpMethod.Post, "/", "text/plain", ("Category", "network; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"")));
        Assert.Equal(HttpStatusCode.Forbidden, network.StatusCode);
        Assert.Contains("occi.network.address=\"10.10.0.0/16\"", await client.GetPlainAsync("/network/private"));
    }
}
