using System.Net;


namespace StandardsCloud.Occi.Conformance;

/// <summary>The query interface, versions, authentication and negotiation (GFD.223 §5, §7; GFD.229).</summary>
public class DiscoveryTests(OcciSite site) : IClassFixture<OcciSite>
{
    [Fact]
    public async Task QueryInterface_BothPaths_RenderTheSameCategories()
    {
        using var client = site.Client();
        using var short_ = await client.SendAsync(Occi.Request(HttpMethod.Get, "/-/"));
        using var wellKnown = await client.SendAsync(Occi.Request(HttpMethod.Get, "/.well-known/org/ogf/occi/-/"));

        Assert.Equal(HttpStatusCode.OK, short_.StatusCode);
        Assert.Equal("text/occi", short_.Content.Headers.ContentType!.MediaType);
        Assert.Equal("OK", (await short_.Content.ReadAsStringAsync()).Trim());
        Assert.NotEmpty(short_.Header("Category"));
        Assert.Equal(short_.Header("Category"), wellKnown.Header("Category"));
    }

    [Fact]
    public async Task QueryInterface_ListsTheCoreAndInfrastructureModelWithTemplates()
    {
        using var client = site.Client();
        var lines = (await client.GetPlainAsync("/-/")).Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Category:", StringComparison.Ordinal)).ToList();
        string Line(string term, string scheme) => lines.Single(l => l.StartsWith($"Category: {term}; scheme=\"{scheme}\";", StringComparison.Ordinal));

        foreach (var kind in new[] { "entity", "resource", "link" })
        {
            Assert.Contains("class=\"kind\"", Line(kind, "http://schemas.ogf.org/occi/core#"));
        }

        var compute = Line("compute", OcciSite.Infrastructure);
        Assert.Contains("rel=\"http://schemas.ogf.org/occi/core#resource\"", compute);
        Assert.Contains("location=\"/compute/\"", compute);
        foreach (var attribute in new[] { "occi.compute.architecture", "occi.compute.cores", "occi.compute.hostname", "occi.compute.speed", "occi.compute.memory", "occi.compute.state{immutable}" })
        {
            Assert.Contains(attribute, compute);
        }

        foreach (var action in new[] { "start", "stop", "restart", "suspend", "save" })
        {
            Assert.Contains("http://schemas.ogf.org/occi/infrastructure/compute/action#" + action, compute);
            Assert.Contains("class=\"action\"", Line(action, "http://schemas.ogf.org/occi/infrastructure/compute/action#"));
        }

        Assert.Contains("occi.storage.size{required}", Line("storage", OcciSite.Infrastructure));
        Assert.Contains("occi.network.vlan", Line("network", OcciSite.Infrastructure));
        Assert.Contains("occi.networkinterface.mac", Line("networkinterface", OcciSite.Infrastructure));
        Assert.Contains("occi.storagelink.deviceid", Line("storagelink", OcciSite.Infrastructure));
        foreach (var action in new[] { "online", "offline", "backup", "snapshot", "resize" })
        {
            Line(action, "http://schemas.ogf.org/occi/infrastructure/storage/action#");
        }

        Line("up", "http://schemas.ogf.org/occi/infrastructure/network/action#");
        Assert.Contains("occi.network.address", Line("ipnetwork", "http://schemas.ogf.org/occi/infrastructure/network#"));
        Assert.Contains("occi.networkinterface.address", Line("ipnetworkinterface", "http://schemas.ogf.org/occi/infrastructure/networkinterface#"));
        Assert.Contains("occi.credentials.ssh.publickey", Line("ssh_key", "http://schemas.ogf.org/occi/infrastructure/credentials#"));
        Assert.Contains("occi.compute.userdata", Line("user_data", "http://schemas.ogf.org/occi/infrastructure/compute#"));
        Assert.Contains("org.openstack.credentials.publickey.data", Line("public_key", "http://schemas.openstack.org/instance/credentials#"));
        Assert.Contains("org.openstack.compute.user_data", Line("user_data", "http://schemas.openstack.org/compute/instance#"));

        var osTemplates = lines.Where(l => l.Contains("rel=\"http://schemas.ogf.org/occi/infrastructure#os_tpl\"", StringComparison.Ordinal)).ToList();
        Assert.Contains(osTemplates, l => l.StartsWith($"Category: {site.ImageId};", StringComparison.Ordinal) && l.Contains("title=\"occi-image\"", StringComparison.Ordinal));
        var resourceTemplates = lines.Where(l => l.Contains("rel=\"http://schemas.ogf.org/occi/infrastructure#resource_tpl\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(site.Cloud.Options.InstanceTypes.Count, resourceTemplates.Count);
        Assert.Contains(resourceTemplates, l => l.StartsWith("Category: m1_small;", StringComparison.Ordinal) && l.Contains("occi.compute.cores{immutable}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryInterface_CategoryFilter_IsExact()
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, "/-/", "text/occi", ("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"")));

        var category = response.Header("Category");
        Assert.StartsWith("compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"", category);
        Assert.DoesNotContain("class=\"mixin\"", category);
        Assert.DoesNotContain("storage;", category);
    }

    [Fact]
    public async Task UserMixins_DefineListRemove_AndProviderCategoriesAreProtected()
    {
        using var client = site.Client();
        const string mine = "my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"";
        using (var defined = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", mine + "; title=\"Mine\"; location=\"/my_stuff/\""))))
        {
            Assert.Equal(HttpStatusCode.OK, defined.StatusCode);
        }

        Assert.Contains("Category: my_stuff; scheme=\"http://example.com/occi/my_stuff#\"; class=\"mixin\"; title=\"Mine\"; location=\"/my_stuff/\"", await client.GetPlainAsync("/-/"));
        using (var again = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", mine + "; location=\"/elsewhere/\""))))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var provider = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\"; location=\"/c/\""))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, provider.StatusCode);
        }

        using (var removeProvider = await client.SendAsync(Occi.Request(HttpMethod.Delete, "/-/", "text/plain", ("Category", "ssh_key; scheme=\"http://schemas.ogf.org/occi/infrastructure/credentials#\"; class=\"mixin\""))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, removeProvider.StatusCode);
        }

        using (var noLocation = await client.SendAsync(Occi.Request(HttpMethod.Post, "/-/", "text/plain", ("Category", "other; scheme=\"http://example.com/o#\"; class=\"mixin\""))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
            Assert.Contains("location", await noLocation.Content.ReadAsStringAsync());
        }

        using (var removed = await client.SendAsync(Occi.Request(HttpMethod.Delete, "/-/", "text/plain", ("Category", mine))))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        Assert.DoesNotContain("my_stuff", await client.GetPlainAsync("/-/"));
    }

    [Theory]
    [InlineData("/-/")]
    [InlineData("/nowhere")]
    public async Task EveryResponse_NamesTheOcciVersions(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = site.Cloud.OcciAddress };
        using var client = site.Client();
        foreach (var response in new[] { await anonymous.GetAsync(path), await client.GetAsync(path) })
        {
            Assert.Matches(@"^StandardsCloud/\S+ OCCI/1\.2 OCCI/1\.1$", response.Headers.Server.ToString());
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("rOCCI-cli OCCI/1.3", HttpStatusCode.NotImplemented)]
    [InlineData("future OCCI/2.0", HttpStatusCode.NotImplemented)]
    [InlineData("rOCCI-cli/4.3 OCCI/1.1", HttpStatusCode.OK)]
    [InlineData("client OCCI/1.2", HttpStatusCode.OK)]
    public async Task ClientVersion_NewerThanServed_IsNotImplemented(string userAgent, HttpStatusCode expected)
    {
        using var client = site.Client();
        using var request = Occi.Request(HttpMethod.Get, "/-/", "text/plain");
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task MissingOrWrongCredentials_AreAskedForWithBasic()
    {
        using var anonymous = new HttpClient { BaseAddress = site.Cloud.OcciAddress };
        using var wrong = site.Client(site.Cloud.Admin.User, "not-the-password");
        foreach (var client in new[] { anonymous, wrong })
        {
            using var response = await client.GetAsync("/compute/");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Basic realm=", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task UnservedMediaTypes_Get406And415()
    {
        using var client = site.Client();
        using var notAcceptable = await client.SendAsync(Occi.Request(HttpMethod.Get, "/-/", "image/png"));
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable.StatusCode);

        using var unsupported = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/compute/", "<compute/>", "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Contains("text/occi", await unsupported.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UriList_ForOneEntityOrTheModel_IsBadRequest()
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.Request(HttpMethod.Get, "/-/", "text/uri-list"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task OversizedHeaders_Get431_AndTheServiceGoesOn()
    {
        using var client = site.Client();
        var huge = "occi.core.title=\"" + new string('x', 80 * 1024) + "\"";
        using (var response = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/", "text/plain", ("Category", OcciSite.ComputeKind), ("X-OCCI-Attribute", huge))))
        {
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        using var after = await client.SendAsync(Occi.Request(HttpMethod.Get, "/-/", "text/plain"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task MalformedRendering_IsBadRequestWithTheReason()
    {
        using var client = site.Client();
        using var response = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/compute/",
            "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.title=\"never closed\n", "text/plain"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("quoted string", body);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        using var client = site.Client();
        var body = "X-OCCI-Attribute: a.b=\"" + new string('y', 2 * 1024 * 1024) + "\"";
        using var response = await client.SendAsync(Occi.WithBody(HttpMethod.Post, "/compute/", body, "text/plain"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
