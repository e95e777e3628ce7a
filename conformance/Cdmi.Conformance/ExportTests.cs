using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StandardsCloud.CloudKit;
using StandardsCloud.Compute;
using StandardsCloud.Compute.Volumes;

namespace StandardsCloud.Cdmi.Conformance;

/// <summary>A CDMI site with a (fake) compute node and an image, so that OCCI computes exist to attach exported containers.</summary>
public sealed class ExportSite : IAsyncLifetime
{
    private FakeNode? _node;

    public CdmiSite Site { get; } = new();

    public async Task InitializeAsync()
    {
        await Site.InitializeAsync();
        _node = new FakeNode(Site, "export-host", cpus: 64, memoryMiB: 262144);
        await _node.StartAsync();
        await Site.RegisterImageAsync("export-image");
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await Site.DisposeAsync();
    }

    /// <summary>A user of its own, with a CDMI and an OCCI client.</summary>
    public async Task<(HttpClient Cdmi, HttpClient Occi, string User)> UserAsync(string prefix)
    {
        var name = CdmiSite.Unique(prefix);
        var cdmi = await Site.CdmiUserAsync(name);
        var occi = new HttpClient { BaseAddress = Site.OcciAddress, Timeout = TimeSpan.FromSeconds(60) };
        occi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:pw-{name}-0123")));
        return (cdmi, occi, name);
    }
}

/// <summary>
/// CDMI 1.1.1 §13.6 OCCI/iSCSI exports over real HTTP: the container is backed by a core volume that
/// the computes its permissions name attach through OCCI storage links (GFD.224 §3.5).
/// </summary>
public class ExportTests(ExportSite exports) : IClassFixture<ExportSite>
{
    private const string StorageLinkKind = "storagelink; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    private const string ComputeKind = "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";

    [Fact]
    public async Task Export_WithAssignedSize_FillsTheIdentifierWithAVolumeOfWholeGiB()
    {
        var (cdmi, occi, user) = await exports.UserAsync("exa");
        using var _ = cdmi;
        using var __ = occi;
        var compute = await CreateComputeAsync(occi);
        var uri = "/" + CdmiSite.Unique("disk") + "/";

        var created = await (await cdmi.PutContainerAsync(uri, ExportBody([compute], assignedSize: "1500000000"))).JsonAsync();

        var export = created.GetProperty("exports").GetProperty("OCCI/iSCSI");
        var identifier = export.GetProperty("identifier").GetString()!;
        Assert.Matches("^/storage/vol-[0-9a-f]{17}$", identifier);
        Assert.Equal(compute, export.GetProperty("permissions")[0].GetString());
        Assert.Equal("2147483648", created.GetProperty("metadata").GetProperty("cdmi_assignedsize").GetString());
        var read = await (await cdmi.GetCdmiAsync(uri)).JsonAsync();
        Assert.Equal(identifier, read.GetProperty("exports").GetProperty("OCCI/iSCSI").GetProperty("identifier").GetString());

        // The volume is the container owner's, 2 GiB, and says where it comes from.
        var storage = await GetPlainAsync(occi, identifier);
        Assert.Contains("occi.storage.size=2", storage);
        var volume = (await exports.Site.Service<VolumeService>().GetAsync(new Actor(user, false, "test"), identifier["/storage/".Length..], default)).Value!;
        Assert.Equal(user, volume.Owner);
        Assert.Equal(read.GetProperty("objectID").GetString(), volume.Export!.ContainerId);
        var history = (await exports.Site.Service<VolumeService>().HistoryAsync(new Actor(user, false, "test"), volume.Id, default)).Value!;
        Assert.Contains(history, h => h.Description.StartsWith("exported from container", StringComparison.Ordinal) && h.Via == "cdmi");

        // The volume goes with its export, not through OCCI.
        using var deleted = await occi.SendAsync(OcciRequest(HttpMethod.Delete, identifier, "text/plain"));
        Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
        Assert.Contains("container", await deleted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_WithoutAssignedSize_Is1GiB_AndShowsIt()
    {
        var (cdmi, occi, _) = await exports.UserAsync("exb");
        using var _c = cdmi;
        using var _o = occi;

        var created = await (await cdmi.PutContainerAsync("/" + CdmiSite.Unique("disk") + "/", ExportBody([]))).JsonAsync();

        Assert.Equal("1073741824", created.GetProperty("metadata").GetProperty("cdmi_assignedsize").GetString());
        var identifier = created.GetProperty("exports").GetProperty("OCCI/iSCSI").GetProperty("identifier").GetString()!;
        Assert.Contains("occi.storage.size=1", await GetPlainAsync(occi, identifier));
    }

    [Fact]
    public async Task StorageLink_FromANamedCompute_Attaches_AnotherIs403_AndRemovingWhileAttachedIs409()
    {
        var (cdmi, occi, _) = await exports.UserAsync("exc");
        using var _c = cdmi;
        using var _o = occi;
        var allowed = await CreateComputeAsync(occi);
        var other = await CreateComputeAsync(occi);
        var uri = "/" + CdmiSite.Unique("disk") + "/";
        var identifier = await ExportAsync(cdmi, uri, [allowed]);

        using (var refused = await LinkAsync(occi, other, identifier))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("export", await refused.Content.ReadAsStringAsync());
        }

        using var linked = await LinkAsync(occi, allowed, identifier);
        Assert.True(linked.StatusCode == HttpStatusCode.Created, await linked.Content.ReadAsStringAsync());
        var link = linked.Headers.Location!.ToString();

        // Neither the container nor its export goes while a compute holds the volume.
        using (var deleting = await cdmi.DeleteCdmiAsync(uri))
        {
            await deleting.ExpectAsync(409);
            Assert.Contains("attached", await deleting.Content.ReadAsStringAsync());
        }

        await (await cdmi.PutContainerAsync(uri, """{"exports":{}}""")).ExpectAsync(409);
        await (await cdmi.PutContainerAsync(uri, ExportBody([other]))).ExpectAsync(409);
        Assert.Contains("self=", await GetPlainAsync(occi, allowed));

        // Once detached, deleting the container deletes the volume.
        using (var detached = await occi.DeleteAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, detached.StatusCode);
        }

        await WaitForStatusAsync(occi, link, HttpStatusCode.NotFound);
        await (await cdmi.DeleteCdmiAsync(uri)).ExpectAsync(204);
        await WaitForStatusAsync(occi, identifier, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RemovingTheExport_DeletesTheVolume_AndChangingPermissionsChangesWhoAttaches()
    {
        var (cdmi, occi, _) = await exports.UserAsync("exd");
        using var _c = cdmi;
        using var _o = occi;
        var first = await CreateComputeAsync(occi);
        var second = await CreateComputeAsync(occi);
        var uri = "/" + CdmiSite.Unique("disk") + "/";
        var identifier = await ExportAsync(cdmi, uri, [first]);

        // The permissions now name only the second compute (as an absolute URI); the volume stays the same.
        var updated = ExportBody([new Uri(exports.Site.OcciAddress, second).ToString()]);
        await (await cdmi.PutContainerAsync(uri, updated)).ExpectAsync(204);
        var read = await (await cdmi.GetCdmiAsync(uri)).JsonAsync();
        Assert.Equal(identifier, read.GetProperty("exports").GetProperty("OCCI/iSCSI").GetProperty("identifier").GetString());
        using (var refused = await LinkAsync(occi, first, identifier))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var linked = await LinkAsync(occi, second, identifier))
        {
            Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
            using var detached = await occi.DeleteAsync(linked.Headers.Location!);
            await WaitForStatusAsync(occi, linked.Headers.Location!.ToString(), HttpStatusCode.NotFound);
        }

        await (await cdmi.PutContainerAsync(uri, """{"exports":{}}""")).ExpectAsync(204);

        await WaitForStatusAsync(occi, identifier, HttpStatusCode.NotFound);
        var after = await (await cdmi.GetCdmiAsync(uri)).JsonAsync();
        Assert.False(after.GetProperty("exports").TryGetProperty("OCCI/iSCSI", out _));
    }

    [Fact]
    public async Task AnotherUsersNamedCompute_Attaches_WithoutSeeingTheStorage()
    {
        var (aliceCdmi, aliceOcci, _) = await exports.UserAsync("exalice");
        var (bobCdmi, bobOcci, _) = await exports.UserAsync("exbob");
        using var _a = aliceCdmi;
        using var _b = aliceOcci;
        using var _c = bobCdmi;
        using var _d = bobOcci;
        var bobs = await CreateComputeAsync(bobOcci);
        var uri = "/" + CdmiSite.Unique("shared") + "/";
        var identifier = await ExportAsync(aliceCdmi, uri, [bobs]);

        using var linked = await LinkAsync(bobOcci, bobs, identifier);
        Assert.True(linked.StatusCode == HttpStatusCode.Created, await linked.Content.ReadAsStringAsync());
        var link = linked.Headers.Location!.ToString();

        // Bob holds the link on his compute, but the storage stays Alice's: not in his listing, 404 to read.
        Assert.Contains(new Uri(link).AbsolutePath, await GetPlainAsync(bobOcci, bobs));
        Assert.Contains(new Uri(link).AbsolutePath, await UriListAsync(bobOcci, "/link/storagelink/"));
        Assert.DoesNotContain(identifier, await UriListAsync(bobOcci, "/storage/"));
        using (var hidden = await bobOcci.SendAsync(OcciRequest(HttpMethod.Get, identifier, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        await (await aliceCdmi.DeleteCdmiAsync(uri)).ExpectAsync(409);
        using (var detached = await bobOcci.DeleteAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, detached.StatusCode);
        }

        await WaitForStatusAsync(bobOcci, link, HttpStatusCode.NotFound);
        await (await aliceCdmi.DeleteCdmiAsync(uri)).ExpectAsync(204);
    }

    [Fact]
    public async Task AssignedSize_OfAnExportedContainer_NeitherShrinksNorGrows()
    {
        var (cdmi, occi, _) = await exports.UserAsync("exe");
        using var _c = cdmi;
        using var _o = occi;
        var uri = "/" + CdmiSite.Unique("disk") + "/";
        await ExportAsync(cdmi, uri, [], assignedSize: "2147483648");

        using (var shrink = await cdmi.PutContainerAsync(uri, """{"metadata":{"cdmi_assignedsize":"1073741824"}}"""))
        {
            await shrink.ExpectAsync(400);
            Assert.Contains("shrink", await shrink.Content.ReadAsStringAsync());
        }

        using (var grow = await cdmi.PutContainerAsync(uri, """{"metadata":{"cdmi_assignedsize":"4294967296"}}"""))
        {
            await grow.ExpectAsync(400);
            Assert.Contains("resize not offered", await grow.Content.ReadAsStringAsync());
        }

        // The same size, and other metadata without it, keep the device as it is.
        await (await cdmi.PutContainerAsync(uri, """{"metadata":{"cdmi_assignedsize":"2000000000","k":"v"}}""")).ExpectAsync(204);
        await (await cdmi.PutContainerAsync(uri, """{"metadata":{"k":"w"}}""")).ExpectAsync(204);
        var read = await (await cdmi.GetCdmiAsync(uri)).JsonAsync();
        Assert.Equal("2147483648", read.GetProperty("metadata").GetProperty("cdmi_assignedsize").GetString());
        Assert.Equal("w", read.GetProperty("metadata").GetProperty("k").GetString());
    }

    [Fact]
    public async Task BadExports_Are400_AndMakeNoContainer()
    {
        var (cdmi, occi, _) = await exports.UserAsync("exf");
        using var _c = cdmi;
        using var _o = occi;
        foreach (var body in new[]
        {
            """{"exports":{"OCCI/iSCSI":{"permissions":["http://example.com/compute/0/"]}}}""",
            """{"exports":{"OCCI/iSCSI":{"permissions":["ftp://h/compute/i-00000000000000000"]}}}""",
            """{"exports":{"OCCI/iSCSI":{"permissions":[5]}}}""",
            """{"metadata":{"cdmi_assignedsize":"-1"},"exports":{"OCCI/iSCSI":{}}}""",
            """{"metadata":{"cdmi_assignedsize":"99999999999999999"},"exports":{"OCCI/iSCSI":{}}}""",
        })
        {
            var uri = "/" + CdmiSite.Unique("bad") + "/";
            await (await cdmi.PutContainerAsync(uri, body)).ExpectAsync(400);
            await (await cdmi.GetCdmiAsync(uri)).ExpectAsync(404);
        }

        Assert.DoesNotContain("/storage/vol-", await UriListAsync(occi, "/storage/"));
    }

    [Fact]
    public async Task Capabilities_ClaimOcciIscsiExports()
    {
        using var client = exports.Site.Cdmi();
        var system = await (await client.GetCdmiAsync("/cdmi_capabilities/")).JsonAsync();
        var container = await (await client.GetCdmiAsync("/cdmi_capabilities/container/")).JsonAsync();

        Assert.Equal("true", system.GetProperty("capabilities").GetProperty("cdmi_export_occi_iscsi").GetString());
        Assert.Equal("true", container.GetProperty("capabilities").GetProperty("cdmi_export_container_occi").GetString());
        Assert.Equal("true", container.GetProperty("capabilities").GetProperty("cdmi_assignedsize").GetString());
    }

    private static string ExportBody(IEnumerable<string> computes, string? assignedSize = null)
    {
        var permissions = string.Join(",", computes.Select(c => JsonSerializer.Serialize(c)));
        var metadata = assignedSize is null ? "" : "\"metadata\":{\"cdmi_assignedsize\":\"" + assignedSize + "\"},";
        return "{" + metadata + "\"exports\":{\"OCCI/iSCSI\":{\"permissions\":[" + permissions + "]}}}";
    }

    private static async Task<string> ExportAsync(HttpClient cdmi, string uri, IEnumerable<string> computes, string? assignedSize = null)
    {
        var created = await (await cdmi.PutContainerAsync(uri, ExportBody(computes, assignedSize))).JsonAsync();
        return created.GetProperty("exports").GetProperty("OCCI/iSCSI").GetProperty("identifier").GetString()!;
    }

    private static HttpRequestMessage OcciRequest(HttpMethod method, string path, string accept, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/occi");
        request.Headers.Accept.ParseAdd(accept);
        foreach (var (name, value) in fields)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Creates a compute and returns its path (<c>/compute/i-…</c>).</summary>
    private static async Task<string> CreateComputeAsync(HttpClient occi)
    {
        using var response = await occi.SendAsync(OcciRequest(HttpMethod.Post, "/compute/", "text/occi", ("Category", ComputeKind)));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.AbsolutePath;
    }

    private static Task<HttpResponseMessage> LinkAsync(HttpClient occi, string compute, string storage) =>
        occi.SendAsync(OcciRequest(HttpMethod.Post, "/link/storagelink/", "text/plain", ("Category", StorageLinkKind),
            ("X-OCCI-Attribute", $"occi.core.source=\"{compute}\", occi.core.target=\"{storage}\"")));

    private static async Task<string> GetPlainAsync(HttpClient occi, string location)
    {
        using var response = await occi.SendAsync(OcciRequest(HttpMethod.Get, location, "text/plain"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {location}: {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<string> UriListAsync(HttpClient occi, string path)
    {
        using var response = await occi.SendAsync(OcciRequest(HttpMethod.Get, path, "text/uri-list"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task WaitForStatusAsync(HttpClient occi, string location, HttpStatusCode status)
    {
        var last = HttpStatusCode.OK;
        for (var i = 0; i < 300; i++)
        {
            using var response = await occi.SendAsync(OcciRequest(HttpMethod.Get, location, "text/plain"));
            last = response.StatusCode;
            if (last == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{location} kept answering {(int)last}, never {(int)status}");
    }
}
