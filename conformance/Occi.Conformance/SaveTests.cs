using System.Net;

namespace StandardsCloud.Occi.Conformance;

/// <summary>
/// The compute action save (GFD.224 §3.1.1, attributes method and name): the compute's disk becomes
/// an image of its owner's, offered as an os_tpl mixin in the query interface and launchable once its
/// host has written it.
/// </summary>
public class SaveTests(OcciSite site) : IClassFixture<OcciSite>
{
    private const string SaveCategory = "save; scheme=\"http://schemas.ogf.org/occi/infrastructure/compute/action#\"; class=\"action\"";
    private const string OsTemplateScheme = "http://schemas.standardscloud.org/occi/os_tpl#";

    [Fact]
    public async Task Save_Hot_NewOsTemplateOfItsOwnerOnly_LaunchesACompute()
    {
        using var client = await site.NewUserAsync("saver-" + Guid.NewGuid().ToString("N")[..6]);
        var location = await client.CreateComputeAsync(("Category", $"{site.ImageId}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\""));
        await client.WaitForStateAsync(location, "active");
        var path = new Uri(location).AbsolutePath;

        using (var saved = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action=save", "text/plain",
            ("Category", SaveCategory), ("X-OCCI-Attribute", "method=\"hot\", name=\"occi copy\""))))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains("occi.compute.state=\"active\"", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var term = await OsTemplateTermAsync(client, "occi copy");
        Assert.NotNull(term);
        Assert.StartsWith("ami-", term, StringComparison.Ordinal);
        using (var other = await site.NewUserAsync("other-" + Guid.NewGuid().ToString("N")[..6]))
        {
            Assert.Null(await OsTemplateTermAsync(other, "occi copy"));
        }

        // Pending until the host has written it (409), then a compute is made from it.
        string? copy = null;
        for (var i = 0; i < 300 && copy is null; i++)
        {
            using var created = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/", "text/occi",
                ("Category", OcciSite.ComputeKind), ("Category", $"{term}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\"")));
            if (created.StatusCode == HttpStatusCode.Created)
            {
                copy = created.Headers.Location!.ToString();
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, created.StatusCode);
                Assert.Contains("still being saved", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                await Task.Delay(100);
            }
        }

        Assert.NotNull(copy);
        Assert.Contains($"Category: {term}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\"", await client.GetPlainAsync(copy), StringComparison.Ordinal);
        await client.WaitForStateAsync(copy, "active");

        // The owner removes the template as any mixin of its own (GFD.223 §7.3); the site's own stay.
        using (var kept = await client.SendAsync(Occi.Request(HttpMethod.Delete, "/-/", "text/plain", ("Category", $"{site.ImageId}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\""))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, kept.StatusCode);
        }

        using (var removed = await client.SendAsync(Occi.Request(HttpMethod.Delete, "/-/", "text/plain", ("Category", $"{term}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\""))))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        Assert.Null(await OsTemplateTermAsync(client, "occi copy"));
    }

    [Fact]
    public async Task Save_InJson_DeferredUntilStopped_AndBadMethodRefused()
    {
        using var client = site.Client();
        var location = await client.CreateComputeAsync(("Category", $"{site.ImageId}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\""));
        await client.WaitForStateAsync(location, "active");
        var path = new Uri(location).AbsolutePath;
        var name = "json copy " + Guid.NewGuid().ToString("N")[..6];

        var deferred = """{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#save","attributes":{"method":"deferred","name":"NAME"}}""".Replace("NAME", name, StringComparison.Ordinal);
        using (var saved = await client.SendAsync(Occi.WithBody(HttpMethod.Post, $"{path}?action=save", deferred, "application/occi+json", "application/occi+json")))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var bad = """{"action":"http://schemas.ogf.org/occi/infrastructure/compute/action#save","attributes":{"method":"cold"}}""";
        using (var refused = await client.SendAsync(Occi.WithBody(HttpMethod.Post, $"{path}?action=save", bad, "application/occi+json", "application/occi+json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("hot or deferred, not cold", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var duplicate = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action=save", "text/plain",
            ("Category", SaveCategory), ("X-OCCI-Attribute", $"name=\"{name}\""))))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        var term = await OsTemplateTermAsync(client, name);
        Assert.NotNull(term);
        using var stopped = await client.SendAsync(Occi.Request(HttpMethod.Post, $"{path}?action=stop", "text/plain"));
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        await client.WaitForStateAsync(location, "inactive");
        for (var i = 0; i < 300; i++)
        {
            using var created = await client.SendAsync(Occi.Request(HttpMethod.Post, "/compute/", "text/occi",
                ("Category", OcciSite.ComputeKind), ("Category", $"{term}; scheme=\"{OsTemplateScheme}\"; class=\"mixin\"")));
            if (created.StatusCode == HttpStatusCode.Created)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the deferred save {term} never became launchable after the stop");
    }

    /// <summary>The term of the os_tpl mixin titled <paramref name="title"/> in the caller's query interface, or null.</summary>
    private static async Task<string?> OsTemplateTermAsync(HttpClient client, string title)
    {
        var query = await client.GetPlainAsync("/-/");
        var line = query.Split('\n').FirstOrDefault(l => l.Contains($"scheme=\"{OsTemplateScheme}\"", StringComparison.Ordinal)
            && l.Contains($"title=\"{title}\"", StringComparison.Ordinal));
        return line is null ? null : line["Category: ".Length..line.IndexOf(';', StringComparison.Ordinal)];
    }
}
